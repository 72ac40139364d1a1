import { addDays, zonedInstant } from '#domain';
import { dayPattern } from '#platform';
import { type Range } from '#read-store';

const isDay = (value: string) => dayPattern.test(value);

/** The last day a request may name: years are written with four digits. */
const LAST_DAY = '9999-12-31';
/** The last instant written with a four-digit year, as instants are stored. */
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
/**
 * A bound past every stored instant. Past the year 9999 an ISO string takes a sign and six
 * digits (`+010000-01-01T…`), which sorts before every four-digit year; '~' sorts after them.
 */
const PAST_EVERY_INSTANT = '~';

/** The instant a day's first moment in `timeZone`, or a timestamp, stands for (milliseconds). */
const msOf = (bound: string, timeZone: string): number =>
  isDay(bound) ? zonedInstant(bound, 0, timeZone) : Date.parse(bound);

/** An instant as stored; past the last one, past every instant. */
const stored = (ms: number): string =>
  ms > LATEST ? PAST_EVERY_INSTANT : new Date(ms).toISOString();

/** The instant a bound stands for: a day's first moment in `timeZone`, a timestamp as it is. */
const startOf = (bound: string, timeZone: string): string => stored(msOf(bound, timeZone));

/**
 * The first moment after `day` in `timeZone` (milliseconds). The last day has no day after it
 * to name, so it is taken to end 24 hours after it begins.
 */
const endOfMs = (day: string, timeZone: string): number =>
  day === LAST_DAY ? msOf(day, timeZone) + 86_400_000 : msOf(addDays(day, 1), timeZone);

/**
 * The instants from `from` to `to`, each a day or a timestamp (validated as such): a day runs
 * from its first moment in `timeZone` through its last, so `from=2026-12-01&to=2026-12-05` is
 * five whole days where the business is; a timestamp `to` ends before it (`inclusiveTo`: at it).
 */
export const periodRange = (
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
  inclusiveTo = false,
): Range => ({
  ...(from !== undefined ? { $gte: startOf(from, timeZone) } : {}),
  ...(to === undefined
    ? {}
    : isDay(to)
      ? { $lt: stored(endOfMs(to, timeZone)) }
      : { [inclusiveTo ? '$lte' : '$lt']: startOf(to, timeZone) }),
});

/**
 * The last instant `asOf` stands for: a day through its last moment in `timeZone` (the state
 * "as of 30 November" is the state at the close of that day where the business is), a
 * timestamp as it is.
 */
export const asOfInstant = (asOf: string, timeZone: string): string => {
  const ms = isDay(asOf) ? endOfMs(asOf, timeZone) - 1 : Date.parse(asOf);
  // Nothing is stored past the year 9999: its last instant stands for any later one.
  return new Date(Math.min(ms, LATEST)).toISOString();
};
