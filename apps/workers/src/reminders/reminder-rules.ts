import { addDays, zonedInstant } from '#domain';

/** The part of an activity reminders look at (its read model). */
export type Planned = {
  _id: string;
  day: string;
  startsAt: string | null;
  endsAt: string | null;
};

export type ReminderRules = {
  /** How long before an activity starts its assignee is reminded. */
  leadMinutes: number;
  /** Where a due day's hours are counted, and when its working day starts. */
  timeZone: string;
  startHour: number;
  /** The local hour from which the day's digest goes out. */
  digestHour: number;
};

export type Notice = { kind: 'reminder' | 'overdue'; key: string; at: number };

const WEEK = 7 * 86_400_000;

/**
 * When an activity's two notices are due. A task due on a day "starts" when that working day
 * starts and is overdue when the day ends; a meeting or call starts at its start time and is
 * overdue once it should have ended without being completed. A reminder is only worth sending
 * before the start; an overdue notice within a week of the end. Each notice has a key that
 * changes when the activity is rescheduled, so a new time gets its own reminder.
 */
export const notices = (activity: Planned, rules: ReminderRules) => {
  const start = activity.startsAt
    ? Date.parse(activity.startsAt)
    : zonedInstant(activity.day, rules.startHour, rules.timeZone);
  const end = activity.endsAt
    ? Date.parse(activity.endsAt)
    : zonedInstant(addDays(activity.day, 1), 0, rules.timeZone);
  return [
    {
      kind: 'reminder' as const,
      key: `reminder\n${activity._id}\n${start}`,
      at: start,
      from: start - rules.leadMinutes * 60_000,
      until: start,
    },
    {
      kind: 'overdue' as const,
      key: `overdue\n${activity._id}\n${end}`,
      at: end,
      from: end,
      until: end + WEEK,
    },
  ];
};

/** The notices of an activity due at `now`. */
export const dueNotices = (activity: Planned, now: number, rules: ReminderRules): Notice[] =>
  notices(activity, rules)
    .filter((n) => now >= n.from && now < n.until)
    .map(({ kind, key, at }) => ({ kind, key, at }));

/** The digest key of a staff member's day, once its hour has come. */
export const digestKey = (staffId: string, today: string, now: number, rules: ReminderRules) =>
  now >= zonedInstant(today, rules.digestHour, rules.timeZone)
    ? `digest\n${staffId}\n${today}`
    : undefined;
