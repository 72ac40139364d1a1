/** Working time: weekdays (1 = Monday … 7 = Sunday) and hours `[start, end)` in a time zone. */
export type BusinessCalendar = {
  timeZone: string;
  days: number[];
  startHour: number;
  endHour: number;
};

/**
 * The weekday (1 = Monday … 7 = Sunday), hour and minute of an instant in a zone, from the
 * zone's offset kept per hour: a deadline walks the calendar an hour at a time.
 */
const localTime = (ms: number, timeZone: string) => {
  const wall = new Date(ms + offsetAt(ms, timeZone));
  return { weekday: wall.getUTCDay() || 7, hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
};

/**
 * The instant `hours` working hours after `from`: time outside the calendar does not count.
 * Walks at most an hour at a time, so daylight-saving changes and any time zone just work.
 */
export const addBusinessHours = (
  from: string,
  hours: number,
  calendar: BusinessCalendar,
): string => {
  let t = Math.floor(Date.parse(from) / 60_000) * 60_000;
  let remaining = Math.round(hours * 60);
  for (let guard = 0; remaining > 0 && guard < 100_000; guard++) {
    const local = localTime(t, calendar.timeZone);
    const toNextHour = 60 - local.minute;
    const working =
      calendar.days.includes(local.weekday) &&
      local.hour >= calendar.startHour &&
      local.hour < calendar.endHour;
    const step = working ? Math.min(remaining, toNextHour) : toNextHour;
    if (working) remaining -= step;
    t += step * 60_000;
  }
  return new Date(t).toISOString();
};

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in a zone, as if that wall clock were UTC. */
const wallClock = (ms: number, timeZone: string): number => {
  let format = wallFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallFormatters.set(timeZone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
};

/** The instant a zone's clocks show `hour`:00 on `day` (`YYYY-MM-DD`), daylight saving included. */
export const zonedInstant = (day: string, hour: number, timeZone: string): number => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = Date.UTC(y, m - 1, d, hour);
  let t = target;
  // Two passes settle the zone's offset at that instant, across a daylight-saving change.
  for (let i = 0; i < 2; i++) t = target - (wallClock(t, timeZone) - t);
  return t;
};

/** The day `days` after (or, negative, before) `day`. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const HOUR = 3_600_000;
/** Per zone, its offset from UTC in each hour (since the epoch) it was asked for. */
const hourOffsets = new Map<string, Map<number, number>>();

/**
 * A zone's offset from UTC at an instant, in milliseconds. Asking the zone's formatter costs
 * microseconds, and projections ask for every event they file by day, so the offset is kept
 * per hour — only for an hour whose first and last second have the same offset (an hour in
 * which the clocks change is asked each time; zones never change twice within one hour).
 */
const offsetAt = (ms: number, timeZone: string): number => {
  const hour = Math.floor(ms / HOUR);
  const kept = hourOffsets.get(timeZone)?.get(hour);
  if (kept !== undefined) return kept;
  // An unknown zone throws here, before anything is kept for it.
  const at = (t: number) => wallClock(t, timeZone) - t;
  const first = at(hour * HOUR);
  if (first !== at(hour * HOUR + HOUR - 1000)) return at(ms - (((ms % 1000) + 1000) % 1000));
  let hours = hourOffsets.get(timeZone);
  if (!hours) hourOffsets.set(timeZone, (hours = new Map<number, number>()));
  if (hours.size >= 100_000) hours.clear();
  hours.set(hour, first);
  return first;
};

/** The calendar day of an instant in a zone. */
export const localDay = (ms: number, timeZone: string): string =>
  new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 10);

/** The local date and time of an instant in a zone, to the minute: `2026-03-02 12:00`. */
export const localDateTime = (ms: number, timeZone: string): string =>
  new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 16).replace('T', ' ');

/** The local hour of an instant in a zone. */
export const localHour = (ms: number, timeZone: string): number => localTime(ms, timeZone).hour;
