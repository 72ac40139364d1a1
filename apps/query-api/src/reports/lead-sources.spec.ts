import { type LeadSourceMonthDoc } from '#read-models';
import { leadSourceFunnels } from './lead-sources';

const doc = (
  month: string,
  source: string,
  counts: Partial<LeadSourceMonthDoc>,
): LeadSourceMonthDoc => ({
  _id: `${month}:${source.toLowerCase()}`,
  sourceKey: source.toLowerCase(),
  source,
  month,
  ...counts,
});

const quarter = {
  current: ['2026-10', '2026-11', '2026-12'],
  previous: ['2026-07', '2026-08', '2026-09'],
};

describe('lead source funnels', () => {
  it('given months of two sources, then each period sums its own months with rates, days and values', () => {
    const { sources, total } = leadSourceFunnels(
      [
        doc('2026-10', 'fair', {
          created: 6,
          qualified: 3,
          disqualified: 1,
          converted: 2,
          registeredDirectly: 2,
        }),
        doc('2026-11', 'Fair', {
          created: 4,
          converted: 2,
          msToConvert: 6 * 86_400_000,
          won: 1,
          lost: 2,
          wonValue: { EUR: 5000, USD: 0 },
        }),
        doc('2026-08', 'Web form', { created: 3, converted: 1, msToConvert: 86_400_000 }),
        // Outside both periods: counted nowhere.
        doc('2026-06', 'Phone', { created: 9 }),
      ],
      quarter,
    );
    expect(sources.map((s) => s.source)).toEqual(['Fair', 'Web form']);
    expect(sources[0]!.current).toEqual({
      created: 10,
      open: 5,
      qualified: 3,
      disqualified: 1,
      converted: 4,
      conversionRate: 0.4,
      averageDaysToConvert: 1.5,
      won: 1,
      lost: 2,
      winRate: 0.333,
      wonValue: { EUR: 5000 },
      registeredDirectly: 2,
    });
    expect(sources[0]!.previous).toMatchObject({
      created: 0,
      conversionRate: null,
      averageDaysToConvert: null,
      winRate: null,
      wonValue: {},
    });
    expect(sources[1]!.previous).toMatchObject({
      created: 3,
      converted: 1,
      averageDaysToConvert: 1,
    });
    expect(total.current.created).toBe(10);
    expect(total.previous.created).toBe(3);
  });

  it('given no leads in either period, then there are no sources and the totals are empty', () => {
    const { sources, total } = leadSourceFunnels([doc('2025-01', 'fair', { created: 1 })], quarter);
    expect(sources).toEqual([]);
    expect(total.current).toMatchObject({ created: 0, open: 0, conversionRate: null });
  });
});
