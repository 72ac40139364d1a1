import { type BoardStageDoc, collections, type DealDoc, type PipelineDoc } from '#read-models';
import { type Filter, SqliteReadStore } from '#read-store';
import { forecastDeals, forecastFigures, forecastPeriods, nextPeriod, periodOf } from './forecast';

const pipeline = {
  _id: 'p',
  name: 'B2B',
  stages: [
    { stageId: 'a', name: 'Contact', probability: 10 },
    { stageId: 'b', name: 'Offer', probability: 50 },
  ],
  definedAt: '2026-01-01T00:00:00.000Z',
} as unknown as PipelineDoc;

const deal = (id: string, fields: Partial<DealDoc>): DealDoc =>
  ({
    _id: id,
    customerId: 'c',
    pipelineId: 'p',
    stageId: 'b',
    title: id,
    value: { amount: 10_000, currency: 'EUR' },
    ownerId: 'anna',
    status: 'open',
    expectedCloseOn: null,
    firstExpectedCloseOn: null,
    ...fields,
  }) as DealDoc;

describe('the forecast', () => {
  it('counts periods on and back, by month and by quarter', () => {
    expect(nextPeriod('2026-12').period).toBe('2027-01');
    expect(nextPeriod('2026-Q4').period).toBe('2027-Q1');
    expect(periodOf('2026-05-31', 'quarter')).toBe('2026-Q2');
    expect(forecastPeriods('2026-11', 3, 2)).toEqual({
      ahead: ['2026-11', '2026-12', '2027-01'],
      past: ['2026-09', '2026-10'],
    });
    expect(forecastPeriods('1000-01', 2, 2)).toEqual({
      ahead: ['1000-01', '1000-02'],
      past: ['0999-11', '0999-12'],
    });
  });

  it('given open deals expected in a period, then their value and weighted value next to what was won', () => {
    const figures = forecastFigures(
      [
        deal('d1', { expectedCloseOn: '2026-11-10' }),
        deal('d2', { expectedCloseOn: '2026-11-20', stageId: 'a', ownerId: 'jaan' }),
        deal('d3', { expectedCloseOn: '2026-12-01' }),
        deal('d4', { status: 'won', closedAt: '2026-11-05T10:00:00.000Z' }),
        deal('d5', {}),
      ],
      [pipeline],
      { ahead: ['2026-11', '2026-12'], past: [] },
      'month',
      'Europe/Tallinn',
    );
    expect(figures.ahead[0]).toMatchObject({
      period: '2026-11',
      open: { count: 2, value: { EUR: 20_000 } },
      weighted: { EUR: 6_000 },
      won: { count: 1, value: { EUR: 10_000 } },
      byOwner: {
        anna: { open: { count: 1 }, weighted: { EUR: 5_000 }, won: { count: 1 } },
        jaan: { open: { count: 1 }, weighted: { EUR: 1_000 } },
      },
    });
    expect(figures.ahead[1]).toMatchObject({ open: { count: 1 }, weighted: { EUR: 5_000 } });
    expect(figures.undated).toEqual({ count: 1, value: { EUR: 10_000 } });
  });

  it('given deals first forecast for a past period, then how that forecast turned out', () => {
    const figures = forecastFigures(
      [
        deal('hit', {
          firstExpectedCloseOn: '2026-09-15',
          status: 'won',
          closedAt: '2026-09-20T00:00:00.000Z',
        }),
        deal('slipped', {
          firstExpectedCloseOn: '2026-09-30',
          expectedCloseOn: '2026-12-15',
        }),
        deal('late', {
          firstExpectedCloseOn: '2026-09-01',
          status: 'won',
          closedAt: '2026-10-02T00:00:00.000Z',
        }),
        deal('lost', { firstExpectedCloseOn: '2026-09-10', status: 'lost' }),
      ],
      [pipeline],
      { ahead: [], past: ['2026-09'] },
      'month',
      'Europe/Tallinn',
    );
    expect(figures.past[0]).toMatchObject({
      period: '2026-09',
      forecast: { count: 4, value: { EUR: 40_000 } },
      wonInPeriod: { count: 1 },
      wonLater: { count: 1 },
      lost: { count: 1 },
      stillOpen: { count: 1 },
      won: { count: 1 },
      hitRate: 0.25,
    });
  });

  it('given a deal won at 00:30 on 1 December in Tallinn, then it is won in December there, in November in UTC', () => {
    const won = [deal('d1', { status: 'won', closedAt: '2026-11-30T22:30:00.000Z' })];
    const periods = { ahead: ['2026-11', '2026-12'], past: [] };
    const tallinn = forecastFigures(won, [pipeline], periods, 'month', 'Europe/Tallinn');
    const utc = forecastFigures(won, [pipeline], periods, 'month', 'UTC');
    expect(tallinn.ahead.map((p) => p.won.count)).toEqual([0, 1]);
    expect(utc.ahead.map((p) => p.won.count)).toEqual([1, 0]);
  });

  describe('read by indexes', () => {
    // 600 deals over three years: open, won and lost, expected or not, won at every hour (so
    // some are won on another day where the business is than in UTC), in two pipelines.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor(seed / 65_536) % n;
    };
    const dayIn = () =>
      new Date(Date.UTC(2025, 5, 1) + random(3 * 365) * 86_400_000).toISOString().slice(0, 10);
    const deals = Array.from({ length: 600 }, (_, i) => {
      const status = (['open', 'open', 'won', 'lost'] as const)[random(4)]!;
      return deal(`d${i}`, {
        status,
        pipelineId: random(2) === 0 ? 'p' : 'q',
        ownerId: random(3) === 0 ? 'jaan' : 'anna',
        value: { amount: 1_000 + random(50) * 100, currency: random(5) === 0 ? 'USD' : 'EUR' },
        // (left out: none, as the deal's default)
        ...(random(4) === 0 ? {} : { expectedCloseOn: dayIn() }),
        ...(random(3) === 0 ? {} : { firstExpectedCloseOn: dayIn() }),
        closedAt:
          status === 'open' ? null : `${dayIn()}T${String(random(24)).padStart(2, '0')}:30:00.000Z`,
      });
    });
    // Won on the first of November at Kiritimati (UTC+14), the last of October at Pago Pago (UTC-11).
    deals.push(
      deal('early', { status: 'won', closedAt: '2026-10-31T15:30:00.000Z' }),
      deal('late', { status: 'won', closedAt: '2026-11-01T08:30:00.000Z', ownerId: 'jaan' }),
    );
    // The board's stage totals of these deals, as its projection keeps them (its own spec).
    const stagesOf = (of: DealDoc[]) => {
      const stages = new Map<string, BoardStageDoc>();
      for (const d of of.filter((d) => d.status === 'open' && !d.expectedCloseOn)) {
        const key = `${d.pipelineId}:${d.stageId}:${d.ownerId}`;
        const stage = stages.get(key) ?? {
          _id: key,
          pipelineId: d.pipelineId,
          stageId: d.stageId,
          ownerId: d.ownerId,
          count: 0,
          totals: {},
          undated: { count: 0, totals: {} },
        };
        stage.undated!.count += 1;
        stage.undated!.totals[d.value.currency] =
          (stage.undated!.totals[d.value.currency] ?? 0) + d.value.amount;
        stages.set(key, stage);
      }
      return [...stages.values()];
    };
    const given = async () => {
      const store = new SqliteReadStore(':memory:');
      await store.apply(
        deals.map(({ _id, ...fields }, i) => ({
          kind: 'upsert' as const,
          collection: collections.deals,
          id: _id,
          position: i + 1,
          update: { $set: fields },
        })),
        [],
      );
      return store;
    };
    const cases: [string, 'month' | 'quarter', number, number, string, Filter][] = [
      ['2026-11', 'month', 3, 3, 'Europe/Tallinn', {}],
      ['2026-11', 'month', 1, 0, 'Pacific/Kiritimati', {}],
      ['2026-05', 'month', 6, 12, 'Pacific/Pago_Pago', { ownerId: 'jaan' }],
      ['2026-Q3', 'quarter', 2, 4, 'Europe/Tallinn', { pipelineId: 'q' }],
      ['2027-Q4', 'quarter', 12, 2, 'America/Los_Angeles', {}],
      ['9999-11', 'month', 3, 1, 'UTC', {}],
    ];

    it.each(cases)(
      'given %s by %s, %i ahead and %i before in %s (%j), then the figures are those of every deal, read from fewer',
      async (from, by, ahead, past, timeZone, filter) => {
        const store = await given();
        const periods = forecastPeriods(from, ahead, past);
        const matching = deals.filter((d) =>
          Object.entries(filter).every(([k, v]) => d[k as keyof DealDoc] === v),
        );
        const read = await forecastDeals(store, filter, periods);
        expect(
          forecastFigures(read, [pipeline], periods, by, timeZone, stagesOf(matching)),
        ).toEqual(forecastFigures(matching, [pipeline], periods, by, timeZone));
        expect(read.length).toBeLessThan(matching.length);
      },
    );
  });
});
