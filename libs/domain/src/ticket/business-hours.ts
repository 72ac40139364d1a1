/** Working time: weekdays (1 = Monday … 7 = Sunday) and hours `[start, end)` in a time zone. */
export type BusinessCalendar = {
  timeZone: string;
  days: number[];
  startHour: number;
  endHour: number;
};

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formatters = new Map<string, Intl.DateTimeFormat>();

const localTime = (ms: number, timeZone: string) => {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: weekdays[get('weekday')] ?? 0,
    hour: Number(get('hour')),
    minute: Number(get('minute')),
  };
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
