import { type LeadSourceMonthDoc } from '#read-models';

/** What became of the leads of a source (or of all) created in a period, so far. */
export type LeadFunnel = {
  created: number;
  /** Neither disqualified nor converted yet. */
  open: number;
  qualified: number;
  disqualified: number;
  converted: number;
  /** Of the leads created, the share converted; null when none came. */
  conversionRate: number | null;
  /** Days from creation to conversion, on average (one decimal); null when none converted. */
  averageDaysToConvert: number | null;
  /** Deals made from the leads that stand won, or lost, now. */
  won: number;
  lost: number;
  /** Of those deals closed, the share won; null when none closed. */
  winRate: number | null;
  /** What the won deals were won for, by currency (minor units). */
  wonValue: Record<string, number>;
  /** Customers registered in the period with the source, not from a lead. */
  registeredDirectly: number;
};

const DAY_MS = 86_400_000;
const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

const funnelOf = (months: LeadSourceMonthDoc[]): LeadFunnel => {
  const sum = (
    field:
      | 'created'
      | 'qualified'
      | 'disqualified'
      | 'converted'
      | 'won'
      | 'lost'
      | 'registeredDirectly',
  ) => months.reduce((total, m) => total + (m[field] ?? 0), 0);
  const [created, disqualified, converted, won, lost] = [
    sum('created'),
    sum('disqualified'),
    sum('converted'),
    sum('won'),
    sum('lost'),
  ];
  const msToConvert = months.reduce((total, m) => total + (m.msToConvert ?? 0), 0);
  const wonValue: Record<string, number> = {};
  for (const m of months)
    for (const [currency, amount] of Object.entries(m.wonValue ?? {}))
      wonValue[currency] = (wonValue[currency] ?? 0) + amount;
  return {
    created,
    open: created - disqualified - converted,
    qualified: sum('qualified'),
    disqualified,
    converted,
    conversionRate: rate(converted, created),
    averageDaysToConvert:
      converted === 0 ? null : Math.round((msToConvert / converted / DAY_MS) * 10) / 10,
    won,
    lost,
    winRate: rate(won, won + lost),
    wonValue: Object.fromEntries(
      Object.entries(wonValue)
        .filter(([, amount]) => amount !== 0)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
    registeredDirectly: sum('registeredDirectly'),
  };
};

/**
 * Each source whose leads came in the period or the one before, with what became of them, most
 * leads first; and the same for all sources together. A source is named as its latest month
 * spelt it.
 */
export const leadSourceFunnels = (
  months: LeadSourceMonthDoc[],
  periods: { current: string[]; previous: string[] },
) => {
  const within = (docs: LeadSourceMonthDoc[], period: string[]) =>
    docs.filter((m) => period.includes(m.month));
  const bySource = new Map<string, LeadSourceMonthDoc[]>();
  for (const m of [...within(months, periods.current), ...within(months, periods.previous)])
    bySource.set(m.sourceKey, [...(bySource.get(m.sourceKey) ?? []), m]);
  const sources = [...bySource.values()]
    .map((docs) => ({
      source: docs.reduce((latest, m) => (m.month > latest.month ? m : latest)).source,
      current: funnelOf(within(docs, periods.current)),
      previous: funnelOf(within(docs, periods.previous)),
    }))
    .sort(
      (a, b) =>
        b.current.created - a.current.created ||
        b.previous.created - a.previous.created ||
        a.source.localeCompare(b.source),
    );
  return {
    sources,
    total: {
      current: funnelOf(within(months, periods.current)),
      previous: funnelOf(within(months, periods.previous)),
    },
  };
};
