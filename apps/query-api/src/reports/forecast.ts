import { addDays, localDay } from '#domain';
import {
  type BoardStageDoc,
  type DealDoc,
  listOrders,
  type ListOrder,
  type PipelineDoc,
} from '#read-models';
import { type Filter, findAll, type ReadStore } from '#read-store';
import { parsePeriod, type Period, previousPeriod, shiftPeriod } from './report-figures';

/** The period of the same length just after. */
export const nextPeriod = (period: string): Period => shiftPeriod(period, 1);

/** The period of `by` (month or quarter) a day falls in. */
export const periodOf = (day: string, by: 'month' | 'quarter'): string =>
  by === 'month'
    ? day.slice(0, 7)
    : `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

type Sum = { count: number; value: Record<string, number> };
const sum = (): Sum => ({ count: 0, value: {} });
const add = (into: Sum, deal: Pick<DealDoc, 'value'>, factor = 1) => {
  into.count += 1;
  const { currency, amount } = deal.value;
  into.value[currency] = (into.value[currency] ?? 0) + Math.round(amount * factor);
};

/** The open deals with no expected day among `deals`. */
const undatedIn = (deals: DealDoc[]): Sum => {
  const undated = sum();
  for (const d of deals) if (d.status === 'open' && !d.expectedCloseOn) add(undated, d);
  return undated;
};

type Outlook = {
  open: Sum;
  weighted: Record<string, number>;
  won: Sum;
};
const outlook = (): Outlook => ({ open: sum(), weighted: {}, won: sum() });

/**
 * The forecast: for each period to come, the open deals expected to close in it — their value
 * and their value weighted by the stage's win probability — next to what was won in it, in
 * total and per owner; the open deals with no expected day; and for the periods before, how
 * the first forecast made for each deal compared with what happened (won in the period, won
 * earlier or later, lost, still open). A deal is won in the period of its day in `timeZone`.
 * The open deals with no expected day are counted from the board's `stages` when given.
 */
export const forecastFigures = (
  deals: DealDoc[],
  pipelines: PipelineDoc[],
  periods: { ahead: string[]; past: string[] },
  by: 'month' | 'quarter',
  timeZone: string,
  stages?: BoardStageDoc[],
) => {
  const probability = new Map<string, number>();
  for (const p of pipelines)
    for (const s of p.stages) probability.set(`${p._id}:${s.stageId}`, s.probability ?? 0);
  // Won in the period whose day it was where the business is (`timeZone`): worked out once
  // per deal, not once per period asked.
  const wonPeriods = new Map<DealDoc, string>();
  for (const d of deals)
    if (d.status === 'won' && d.closedAt)
      wonPeriods.set(d, periodOf(localDay(Date.parse(d.closedAt), timeZone), by));
  const wonIn = (d: DealDoc) => wonPeriods.get(d);

  const ahead = periods.ahead.map((period) => {
    const total = outlook();
    const owners: Record<string, Outlook> = {};
    for (const d of deals) {
      const owner = (owners[d.ownerId] ??= outlook());
      if (d.status === 'open' && d.expectedCloseOn && periodOf(d.expectedCloseOn, by) === period) {
        const factor = (probability.get(`${d.pipelineId}:${d.stageId}`) ?? 0) / 100;
        for (const o of [total, owner]) {
          add(o.open, d);
          o.weighted[d.value.currency] =
            (o.weighted[d.value.currency] ?? 0) + Math.round(d.value.amount * factor);
        }
      }
      if (wonIn(d) === period) for (const o of [total, owner]) add(o.won, d);
    }
    const byOwner: Record<string, Outlook> = {};
    for (const [ownerId, o] of Object.entries(owners))
      if (o.open.count > 0 || o.won.count > 0) byOwner[ownerId] = o;
    return { period, ...total, byOwner };
  });

  const past = periods.past.map((period) => {
    const forecast = sum();
    const outcome = {
      wonInPeriod: sum(),
      wonEarlier: sum(),
      wonLater: sum(),
      lost: sum(),
      stillOpen: sum(),
    };
    for (const d of deals) {
      if (!d.firstExpectedCloseOn || periodOf(d.firstExpectedCloseOn, by) !== period) continue;
      add(forecast, d);
      const won = wonIn(d);
      if (d.status === 'lost') add(outcome.lost, d);
      else if (d.status === 'open') add(outcome.stillOpen, d);
      else if (won === period) add(outcome.wonInPeriod, d);
      else if (won !== undefined && won < period) add(outcome.wonEarlier, d);
      else add(outcome.wonLater, d);
    }
    const won = sum();
    for (const d of deals) if (wonIn(d) === period) add(won, d);
    return {
      period,
      forecast,
      ...outcome,
      won,
      hitRate: forecast.count === 0 ? null : outcome.wonInPeriod.count / forecast.count,
    };
  });

  const undated = stages ? undatedOf(stages) : undatedIn(deals);
  return { ahead, undated, past };
};

/** `count` periods from `from` on, and `past` periods before it. */
export const forecastPeriods = (from: string, count: number, past: number) => {
  const ahead = [from];
  while (ahead.length < count) ahead.push(nextPeriod(ahead.at(-1)!).period);
  const before: string[] = [];
  let at = from;
  for (let i = 0; i < past; i += 1) {
    at = previousPeriod(at).period;
    before.unshift(at);
  }
  return { ahead, past: before };
};

/** A period's first day; after the year 9999, a bound past every day written with four digits. */
const firstDayOf = (period: string) => {
  const day = `${parsePeriod(period).months[0]!}-01`;
  return day.length > 10 ? '~' : day;
};

/**
 * The deals the forecast of `periods` counts, read by indexes rather than every deal: the
 * open ones expected in the periods ahead; the ones won from the day before the first period
 * to the day after the last (a day's end anywhere on earth is within a day of its end in UTC;
 * `forecastFigures` takes each by its day where the business is); and, for the periods before,
 * those first expected in them. A deal read twice is kept once. The figures of these are those
 * of every deal, but for the open deals with no expected day: `undatedOf` counts them.
 */
export const forecastDeals = async (
  store: ReadStore,
  filter: Filter,
  periods: { ahead: string[]; past: string[] },
): Promise<DealDoc[]> => {
  const aheadFrom = firstDayOf(periods.ahead[0]!);
  const from = firstDayOf(periods.past[0] ?? periods.ahead[0]!);
  const until = firstDayOf(nextPeriod(periods.ahead.at(-1)!).period);
  const read = (order: ListOrder, where: Filter) =>
    findAll<DealDoc>(store, order.collection, { ...filter, ...where }, order.sort);
  const reads = await Promise.all([
    read(listOrders.dealsExpected, {
      status: 'open',
      expectedCloseOn: { $gte: aheadFrom, $lt: until },
    }),
    read(listOrders.dealsClosed, {
      status: 'won',
      closedAt: {
        $gte: addDays(from, -1),
        $lt: until === '~' ? until : addDays(until, 1),
      },
    }),
    periods.past.length === 0
      ? []
      : read(listOrders.dealsFirstExpected, {
          firstExpectedCloseOn: { $gte: from, $lt: aheadFrom },
        }),
  ]);
  return [...new Map(reads.flat().map((d) => [d._id, d])).values()];
};

/**
 * The open deals with no expected day, from the board's stage totals (each stage and owner's
 * open deals keep how many of them have none, and their value): as many as there are open
 * deals, so they are counted, not read.
 */
export const undatedOf = (stages: BoardStageDoc[]): Sum => {
  const undated = sum();
  for (const stage of stages) {
    if (!stage.undated) continue;
    undated.count += stage.undated.count;
    for (const [currency, amount] of Object.entries(stage.undated.totals))
      undated.value[currency] = (undated.value[currency] ?? 0) + amount;
  }
  return undated;
};
