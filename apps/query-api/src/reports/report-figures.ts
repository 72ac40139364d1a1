import { activityKinds, type ActivityKind } from '#events';
import { type MonthFacts } from '#read-models';

/** A reporting period: a month `2026-11`, a quarter `2026-Q4` or a year `2026`. */
export type Period = { period: string; months: string[] };

const pad = (n: number) => String(n).padStart(2, '0');
const yearText = (year: number) => String(year).padStart(4, '0');
const monthsFrom = (year: number, first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${yearText(year)}-${pad(first + i)}`);

/** A year from 1000 on, as days are; then its month or quarter, if any. */
export const periodPattern = /^[1-9]\d{3}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** The year and what follows it (`11`, `Q4`, or nothing for a whole year). */
const partsOf = (period: string) => {
  const [year, within] = period.split('-') as [string, string | undefined];
  return { year: Number(year), within };
};

export const parsePeriod = (period: string): Period => {
  const { year, within } = partsOf(period);
  if (within === undefined) return { period, months: monthsFrom(year, 1, 12) };
  if (within.startsWith('Q')) {
    const quarter = Number(within.slice(1));
    return { period, months: monthsFrom(year, quarter * 3 - 2, 3) };
  }
  return { period, months: [period] };
};

/**
 * The period of the same length `steps` periods later (earlier when negative). Years stay
 * written with four digits at least, so a period just before the year 1000 is still one.
 */
export const shiftPeriod = (period: string, steps: number): Period => {
  const { year, within } = partsOf(period);
  if (within === undefined) return parsePeriod(yearText(year + steps));
  const quarters = within.startsWith('Q');
  const perYear = quarters ? 4 : 12;
  const index = year * perYear + Number(quarters ? within.slice(1) : within) - 1 + steps;
  const shifted = yearText(Math.floor(index / perYear));
  const nth = (index % perYear) + 1;
  return parsePeriod(quarters ? `${shifted}-Q${nth}` : `${shifted}-${pad(nth)}`);
};

/** The period of the same length just before. */
export const previousPeriod = (period: string): Period => shiftPeriod(period, -1);

/** A product sold: its catalogue code when its lines named one (null for lines of free text). */
type Product = {
  name: string;
  productCode: string | null;
  revenue: Record<string, number>;
  quantity: number;
};

const addAll = (
  into: Record<string, number>,
  from: Partial<Record<string, number>> | undefined,
) => {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + (v ?? 0);
};

const nonZero = (values: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== 0));

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

/** Adds up months of facts into the figures a report shows. */
export const figures = (months: MonthFacts[], top = 10) => {
  const count = { newCustomers: 0, dealsOpened: 0, won: 0, lost: 0, cycleDays: 0 };
  const wonValue: Record<string, number> = {};
  const invoiced: Record<string, number> = {};
  const paid: Record<string, number> = {};
  const products = new Map<string, Product>();
  const interactions = Object.fromEntries(activityKinds.map((k) => [k, 0])) as Record<
    ActivityKind,
    number
  >;
  const classes = new Map<string, { classification: string; count: number }>();
  const phases: Record<string, number> = {};
  const campaign = { sent: 0, failed: 0, replies: 0, unsubscribes: 0, dealsOpened: 0, dealsWon: 0 };
  for (const m of months) {
    for (const kind of activityKinds) interactions[kind] += m.interactions?.[kind] ?? 0;
    for (const [key, c] of Object.entries(m.ticketClasses ?? {})) {
      const known = classes.get(key) ?? { classification: c.name, count: 0 };
      known.count += c.count;
      classes.set(key, known);
    }
    addAll(phases, m.ticketPhases);
    for (const k of Object.keys(campaign) as (keyof typeof campaign)[])
      campaign[k] += m.campaign?.[k] ?? 0;
    count.newCustomers += m.newCustomers ?? 0;
    count.dealsOpened += m.dealsOpened ?? 0;
    count.won += m.won ?? 0;
    count.lost += m.lost ?? 0;
    count.cycleDays += m.cycleDays ?? 0;
    addAll(wonValue, m.wonValue);
    addAll(invoiced, m.invoiced);
    addAll(paid, m.paid);
    for (const [currency, byKey] of Object.entries(m.products ?? {}))
      for (const [key, p] of Object.entries(byKey)) {
        const product = products.get(key) ?? {
          name: p.name,
          productCode: p.productCode ?? null,
          revenue: {},
          quantity: 0,
        };
        products.set(key, product);
        product.name = p.name;
        product.revenue[currency] = (product.revenue[currency] ?? 0) + p.revenue;
        product.quantity += p.quantity;
      }
  }
  const bought = [...products.values()].filter((p) => p.quantity !== 0);
  const currencies = [...new Set(bought.flatMap((p) => Object.keys(p.revenue)))].sort();
  const closed = count.won + count.lost;
  return {
    newCustomers: count.newCustomers,
    dealsOpened: count.dealsOpened,
    won: count.won,
    lost: count.lost,
    winRate: closed === 0 ? null : Math.round((count.won / closed) * 1000) / 1000,
    wonValue: nonZero(wonValue),
    averageDealSize: Object.fromEntries(
      Object.entries(nonZero(wonValue)).map(([c, v]) => [c, Math.round(v / count.won)]),
    ) as Record<string, number>,
    averageSalesCycleDays:
      count.won === 0 ? null : Math.round((count.cycleDays / count.won) * 10) / 10,
    invoiced: nonZero(invoiced),
    paid: nonZero(paid),
    behaviour: {
      interactions,
      tickets: {
        byClass: [...classes.values()]
          .filter((c) => c.count > 0)
          .sort((a, b) => b.count - a.count || a.classification.localeCompare(b.classification)),
        byPhase: Object.entries(phases)
          .filter(([, count]) => count > 0)
          .map(([phase, count]) =>
            phase.startsWith('stage_')
              ? {
                  phase: 'deal' as const,
                  stageId: phase.slice('stage_'.length),
                  stage: null as string | null,
                  count,
                }
              : { phase: phase as 'customer' | 'prospect', stageId: null, stage: null, count },
          )
          .sort((a, b) => b.count - a.count),
      },
      campaigns: {
        ...campaign,
        deliveryRate: rate(campaign.sent, campaign.sent + campaign.failed),
        replyRate: rate(campaign.replies, campaign.sent),
        unsubscribeRate: rate(campaign.unsubscribes, campaign.sent),
      },
    },
    topProducts: {
      byRevenue: Object.fromEntries(
        currencies.map((c) => [
          c,
          bought
            .filter((p) => (p.revenue[c] ?? 0) > 0)
            .sort((a, b) => b.revenue[c]! - a.revenue[c]! || a.name.localeCompare(b.name))
            .slice(0, top),
        ]),
      ) as Record<string, Product[]>,
      byQuantity: [...bought]
        .sort((a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name))
        .slice(0, top),
    },
  };
};

export type Figures = ReturnType<typeof figures>;
