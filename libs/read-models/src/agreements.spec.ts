import { agreementStanding } from './agreements';

describe('agreement standing', () => {
  const today = '2026-06-15';
  const agreement = { status: 'active' as const, validUntil: '2026-12-31', endsOn: null };

  it('is in force until its last day, lapsed after it; without a last day it stays in force', () => {
    expect(agreementStanding(agreement, today)).toBe('active');
    expect(agreementStanding({ ...agreement, validUntil: today }, today)).toBe('active');
    expect(agreementStanding({ ...agreement, validUntil: '2026-06-14' }, today)).toBe('lapsed');
    expect(agreementStanding({ ...agreement, validUntil: null }, today)).toBe('active');
  });

  it('given notice, is in force until the day its termination ends it, terminated from then', () => {
    const noticed = { ...agreement, status: 'terminated' as const, endsOn: '2026-06-30' };
    expect(agreementStanding(noticed, today)).toBe('active');
    expect(agreementStanding(noticed, '2026-06-29')).toBe('active');
    expect(agreementStanding(noticed, '2026-06-30')).toBe('terminated');
    expect(agreementStanding({ ...noticed, endsOn: today }, today)).toBe('terminated');
    expect(agreementStanding({ ...noticed, endsOn: '2026-01-01' }, today)).toBe('terminated');
  });
});
