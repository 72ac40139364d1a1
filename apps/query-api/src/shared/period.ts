import { addDays, zonedInstant } from '#domain';
import { dayPattern } from '#platform';
import { type Range } from '#read-store';

const isDay = (value: string) => dayPattern.test(value);

/** The instant a bound stands for: a day's first moment in `timeZone`, a timestamp as it is. */
const startOf = (bound: string, timeZone: string): string =>
  new Date(isDay(bound) ? zonedInstant(bound, 0, timeZone) : Date.parse(bound)).toISOString();

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
      ? { $lt: startOf(addDays(to, 1), timeZone) }
      : { [inclusiveTo ? '$lte' : '$lt']: startOf(to, timeZone) }),
});

/**
 * The last instant `asOf` stands for: a day through its last moment in `timeZone` (the state
 * "as of 30 November" is the state at the close of that day where the business is), a
 * timestamp as it is.
 */
export const asOfInstant = (asOf: string, timeZone: string): string =>
  isDay(asOf)
    ? new Date(Date.parse(startOf(addDays(asOf, 1), timeZone)) - 1).toISOString()
    : startOf(asOf, timeZone);
