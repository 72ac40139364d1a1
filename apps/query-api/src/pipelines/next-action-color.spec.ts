import { todayIn } from '../../../../libs/platform/src/today';
import { nextActionColor } from './next-action-color';

describe('nextActionColor', () => {
  it('is red when overdue, green today, grey in the future, none without an action', () => {
    expect(nextActionColor('2026-03-09', '2026-03-10')).toBe('red');
    expect(nextActionColor('2026-03-10', '2026-03-10')).toBe('green');
    expect(nextActionColor('2026-03-11', '2026-03-10')).toBe('grey');
    expect(nextActionColor(undefined, '2026-03-10')).toBe('none');
  });

  it('takes today in the requested time zone', () => {
    const instant = new Date('2026-03-10T23:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-03-10');
    expect(todayIn('Europe/Tallinn', instant)).toBe('2026-03-11');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-03-10');
    expect(todayIn('Not/AZone', instant)).toBeUndefined();
  });
});
