import { figures, parsePeriod, periodPattern, previousPeriod, shiftPeriod } from './report-figures';

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

  it('counts on and back across years, with four-digit years at the edges', () => {
    expect(shiftPeriod('2026-11', 14).period).toBe('2028-01');
    expect(shiftPeriod('2026-Q2', -6).period).toBe('2024-Q4');
    expect(shiftPeriod('2026', 3).period).toBe('2029');
    expect(previousPeriod('1000-01').period).toBe('0999-12');
    expect(previousPeriod('1000-Q1').months).toEqual(['0999-10', '0999-11', '0999-12']);
    expect(shiftPeriod('9999-12', 2).period).toBe('10000-02');
    expect(shiftPeriod('9999', 1).months[0]).toBe('10000-01');
  });

  it('takes years from 1000 on, as days do', () => {
    for (const period of ['1000', '2026-11', '9999-Q4']) expect(period).toMatch(periodPattern);
    for (const period of ['0000-01', '0999', '2026-13', '2026-Q5', '26-11'])
      expect(period).not.toMatch(periodPattern);
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
