import { localHour, zonedInstant } from '#domain';
import { digestKey, dueNotices, type ReminderRules } from './reminder-rules';

const rules: ReminderRules = {
  leadMinutes: 60,
  timeZone: 'Europe/Tallinn',
  startHour: 9,
  digestHour: 7,
};
const at = (iso: string) => Date.parse(iso);
const meeting = {
  _id: 'a1',
  day: '2026-01-15',
  startsAt: '2026-01-15T10:00:00.000Z',
  endsAt: '2026-01-15T11:00:00.000Z',
};
const task = { _id: 't1', day: '2026-01-15', startsAt: null, endsAt: null };

describe('reminder rules', () => {
  it('finds the instant of a local hour, across daylight saving', () => {
    expect(new Date(zonedInstant('2026-01-15', 9, 'Europe/Tallinn')).toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
    // Clocks go forward at 03:00 on 29 March 2026: 9:00 is then UTC+3.
    expect(new Date(zonedInstant('2026-03-29', 9, 'Europe/Tallinn')).toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
    expect(localHour(at('2026-03-29T06:30:00Z'), 'Europe/Tallinn')).toBe(9);
  });

  it('reminds of a meeting from the lead time until it starts, then warns once it is overdue', () => {
    const kinds = (iso: string) => dueNotices(meeting, at(iso), rules).map((n) => n.kind);
    expect(kinds('2026-01-15T08:59:00Z')).toEqual([]);
    expect(kinds('2026-01-15T09:00:00Z')).toEqual(['reminder']);
    expect(kinds('2026-01-15T09:59:00Z')).toEqual(['reminder']);
    expect(kinds('2026-01-15T10:30:00Z')).toEqual([]);
    expect(kinds('2026-01-15T11:00:00Z')).toEqual(['overdue']);
    expect(kinds('2026-01-23T11:00:00Z')).toEqual([]);
  });

  it("counts a task's day in the calendar's zone: it starts with the working day, ends at midnight", () => {
    const kinds = (iso: string) => dueNotices(task, at(iso), rules).map((n) => n.kind);
    expect(kinds('2026-01-15T06:00:00Z')).toEqual(['reminder']);
    expect(kinds('2026-01-15T07:00:00Z')).toEqual([]);
    expect(kinds('2026-01-15T21:59:00Z')).toEqual([]);
    expect(kinds('2026-01-15T22:00:00Z')).toEqual(['overdue']);
  });

  it('gives a rescheduled activity new notices, and the same time the same ones', () => {
    const now = at('2026-01-15T09:30:00Z');
    const [before] = dueNotices(meeting, now, rules);
    expect(dueNotices({ ...meeting }, now, rules)[0]!.key).toBe(before!.key);
    const moved = { ...meeting, startsAt: '2026-01-15T10:15:00.000Z' };
    expect(dueNotices(moved, now, rules)[0]!.key).not.toBe(before!.key);
  });

  it("sends a member's digest once their day's hour has come, keyed by the day", () => {
    expect(digestKey('s1', '2026-01-15', at('2026-01-15T04:59:00Z'), rules)).toBeUndefined();
    expect(digestKey('s1', '2026-01-15', at('2026-01-15T05:00:00Z'), rules)).toBe(
      'digest\ns1\n2026-01-15',
    );
  });
});
