import { slaState } from './sla-state';

const opened = '2026-03-01T08:00:00.000Z';
const due = '2026-03-01T12:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('slaState', () => {
  it('is on track, then at risk in the last quarter, then breached', () => {
    expect(slaState(opened, due, null, at('2026-03-01T10:00:00.000Z'))).toBe('on_track');
    expect(slaState(opened, due, null, at('2026-03-01T11:00:00.000Z'))).toBe('at_risk');
    expect(slaState(opened, due, null, at('2026-03-01T12:00:01.000Z'))).toBe('breached');
  });
  it('is met or breached once done, whatever the time now', () => {
    expect(slaState(opened, due, '2026-03-01T11:59:00.000Z', at('2026-03-09T00:00:00.000Z'))).toBe(
      'met',
    );
    expect(slaState(opened, due, '2026-03-01T12:30:00.000Z', at('2026-03-01T12:30:00.000Z'))).toBe(
      'breached',
    );
  });
});
