import { figures, parsePeriod, previousPeriod } from './report-figures';

describe('report periods', () => {
  it('reads months, quarters and years, and finds the one before', () => {
    expect(parsePeriod('2026-11').months).toEqual(['2026-11']);
    expect(parsePeriod('2026-Q1').months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(parsePeriod('2026').months).toHaveLength(12);
    expect(previousPeriod('2026-01').period).toBe('2025-12');
    expect(previousPeriod('2026-11').period).toBe('2026-10');
    expect(previousPeriod('2026-Q1').period).toBe('2025-Q4');
    expect(previousPeriod('2026-Q3').months).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(previousPeriod('2026').period).toBe('2025');
  });
});

describe('report figures', () => {
  it('adds months up into rates, averages and the products bought most', () => {
    const f = figures([
      {
        won: 1,
        lost: 1,
        cycleDays: 10,
        wonValue: { EUR: 1000 },
        invoiced: { EUR: 500 },
        products: {
          EUR: {
            a: { name: 'Hosting', revenue: 300, quantity: 3 },
            b: { name: 'Support', revenue: 200, quantity: 10 },
          },
        },
      },
      {
        won: 2,
        cycleDays: 20,
        wonValue: { EUR: 2000 },
        paid: { EUR: 400 },
        products: { EUR: { a: { name: 'Hosting', revenue: 100, quantity: 1 } } },
      },
    ]);
    expect(f).toMatchObject({
      won: 3,
      lost: 1,
      winRate: 0.75,
      averageDealSize: { EUR: 1000 },
      averageSalesCycleDays: 10,
      invoiced: { EUR: 500 },
      paid: { EUR: 400 },
    });
    expect(f.topProducts.byRevenue.EUR!.map((p) => [p.name, p.revenue.EUR])).toEqual([
      ['Hosting', 400],
      ['Support', 200],
    ]);
    expect(f.topProducts.byQuantity.map((p) => p.name)).toEqual(['Support', 'Hosting']);
  });

  it('has no rate or averages without closed deals', () => {
    expect(figures([])).toMatchObject({ winRate: null, averageSalesCycleDays: null, wonValue: {} });
  });
});
