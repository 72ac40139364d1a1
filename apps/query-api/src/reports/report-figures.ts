import { type MonthFacts } from '#read-models';

/** A reporting period: a month `2026-11`, a quarter `2026-Q4` or a year `2026`. */
export type Period = { period: string; months: string[] };

const pad = (n: number) => String(n).padStart(2, '0');
const monthsFrom = (year: number, first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);

export const periodPattern = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

export const parsePeriod = (period: string): Period => {
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return { period, months: monthsFrom(year, 1, 12) };
  if (period[5] === 'Q') {
    const quarter = Number(period[6]);
    return { period, months: monthsFrom(year, quarter * 3 - 2, 3) };
  }
  return { period, months: [period] };
};

/** The period of the same length just before. */
export const previousPeriod = (period: string): Period => {
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return parsePeriod(String(year - 1));
  if (period[5] === 'Q') {
    const quarter = Number(period[6]);
    return parsePeriod(quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`);
  }
  const month = Number(period.slice(5, 7));
  return parsePeriod(month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`);
};

type Product = { name: string; revenue: Record<string, number>; quantity: number };

const addAll = (into: Record<string, number>, from: Record<string, number> | undefined) => {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
};

const nonZero = (values: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== 0));

/** Adds up months of facts into the figures a report shows. */
export const figures = (months: MonthFacts[], top = 10) => {
  const count = { newCustomers: 0, dealsOpened: 0, won: 0, lost: 0, cycleDays: 0 };
  const wonValue: Record<string, number> = {};
  const invoiced: Record<string, number> = {};
  const paid: Record<string, number> = {};
  const products = new Map<string, Product>();
  for (const m of months) {
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
        const product = products.get(key) ?? { name: p.name, revenue: {}, quantity: 0 };
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
