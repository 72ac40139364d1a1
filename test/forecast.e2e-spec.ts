import { readStoreTargets, serviceOn } from './support/read-stores';
import { commands, type Ids, queries } from './support/service';
import { day } from './support/days';

type Sum = { count: number; value: Record<string, number> };
type Forecast = {
  ahead: {
    period: string;
    open: Sum;
    weighted: Record<string, number>;
    won: Sum;
    byOwner: Record<string, { open: Sum; won: Sum }>;
  }[];
  undated: Sum;
  past: { period: string; forecast: Sum; wonLater: Sum; stillOpen: Sum; hitRate: number | null }[];
};
type Timeline = { items: { summary: string }[] };

const month = (offset: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
};

describe.each(readStoreTargets())('the sales forecast, on $name', (target) => {
  const suite = serviceOn(target, {
    apps: ['command-api', 'projector', 'query-api'],
  });

  it('sums open deals by expected month, weighted by stage, next to what was won, and judges past forecasts', async () => {
    const { service } = suite;
    const anna = await service.staff('Anna Prognoos', ['sales']);
    const c = commands(service, anna);
    const pipeline = await commands(service).post<Ids>('/pipelines', {
      name: 'Prognoos',
      stages: [
        { name: 'Kontakt', probability: 20 },
        { name: 'Pakkumine', probability: 60 },
      ],
    });
    const [, offerStage] = pipeline.body.stageIds!;
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Prognoos OÜ' });
    const open = (title: string, amount: number, fields: Record<string, unknown> = {}) =>
      c.post<Ids>('/deals', {
        customerId: customer.body.id,
        pipelineId: pipeline.body.id,
        title,
        value: { amount, currency: 'EUR' },
        ...fields,
      });
    const thisMonth = `${month(0)}-15`;
    const nextMonth = `${month(1)}-15`;
    const lastMonth = `${month(-1)}-15`;
    await open('A', 100_000, { expectedCloseOn: thisMonth });
    await open('B', 50_000, { expectedCloseOn: thisMonth, stageId: offerStage });
    const slipping = await open('C', 30_000, { expectedCloseOn: lastMonth });
    const late = await open('D', 40_000, { expectedCloseOn: lastMonth });
    await open('E', 70_000);
    const moved = await c.post<Ids>(`/deals/${slipping.body.id}/expected-close`, {
      expectedCloseOn: nextMonth,
      reason: 'Eelarve kinnitub hiljem',
    });
    expect(moved.status).toBe(200);
    const won = await c.post<Ids>(`/deals/${late.body.id}/win`, {});

    const report = await queries(service, anna).get<Forecast>(
      `/reports/forecast?pipelineId=${pipeline.body.id}&periods=2&past=1`,
      won.body.position,
    );
    expect(report.status).toBe(200);
    const [now, next] = report.body.ahead;
    expect(now).toMatchObject({
      period: month(0),
      open: { count: 2, value: { EUR: 150_000 } },
      // 20 % of 100 000 and 60 % of 50 000
      weighted: { EUR: 50_000 },
      won: { count: 1, value: { EUR: 40_000 } },
    });
    expect(now!.byOwner[anna.id]).toMatchObject({ open: { count: 2 }, won: { count: 1 } });
    expect(next).toMatchObject({ period: month(1), open: { count: 1, value: { EUR: 30_000 } } });
    expect(report.body.undated).toEqual({ count: 1, value: { EUR: 70_000 } });
    // Last month's forecast: one deal slipped (still open), one won only this month.
    expect(report.body.past).toEqual([
      expect.objectContaining({
        period: month(-1),
        forecast: { count: 2, value: { EUR: 70_000 } },
        wonLater: { count: 1, value: { EUR: 40_000 } },
        stillOpen: { count: 1, value: { EUR: 30_000 } },
        hitRate: 0,
      }),
    ]);

    const quarter = await queries(service, anna).get<Forecast>(
      `/reports/forecast?pipelineId=${pipeline.body.id}&by=quarter&from=${month(0)}`,
    );
    // A month asked for by quarter means its quarter.
    expect(quarter.status).toBe(200);
    expect(quarter.body.ahead[0]!.period).toMatch(/^\d{4}-Q[1-4]$/);
    expect(quarter.body.ahead[0]!.open.count).toBeGreaterThanOrEqual(2);
    // Years are those of days (1000 on); the periods before the first are still periods.
    const forecastFrom = (from: string) =>
      queries(service, anna).get<Forecast>(
        `/reports/forecast?pipelineId=${pipeline.body.id}&from=${from}&periods=2&past=2`,
      );
    expect((await forecastFrom('0000-01')).status).toBe(400);
    const earliest = await forecastFrom('1000-01');
    expect(earliest.status).toBe(200);
    expect([...earliest.body.past, ...earliest.body.ahead].map((p) => p.period)).toEqual([
      '0999-11',
      '0999-12',
      '1000-01',
      '1000-02',
    ]);
    const timeline = await queries(service, anna).get<Timeline>(
      `/customers/${customer.body.id}/timeline?group=sales`,
    );
    expect(timeline.body.items.map((e) => e.summary)).toContain(
      `Expected to close on ${nextMonth} (was ${lastMonth}): Eelarve kinnitub hiljem`,
    );
    const closed = await c.post(`/deals/${late.body.id}/expected-close`, {
      expectedCloseOn: day(3),
    });
    expect([closed.status, closed.body['type']]).toEqual([
      409,
      expect.stringContaining('deal-closed'),
    ]);
  });

  it('shows how deals came into each stage of a pipeline and left it, this month', async () => {
    const { service } = suite;
    const c = commands(service);
    const pipeline = await c.post<Ids>('/pipelines', {
      name: 'Lehter',
      stages: [{ name: 'Kontakt' }, { name: 'Demo' }, { name: 'Pakkumine' }],
    });
    const [, demo, offer] = pipeline.body.stageIds!;
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Lehter OÜ' });
    const open = async () =>
      (
        await c.post<Ids>('/deals', {
          customerId: customer.body.id,
          pipelineId: pipeline.body.id,
          title: 'Lehtri tehing',
          value: { amount: 10_000, currency: 'EUR' },
        })
      ).body.id;
    const [a, b, d] = [await open(), await open(), await open()];
    await c.post(`/deals/${a}/stage`, { stageId: offer });
    await c.post(`/deals/${a}/stage`, { stageId: demo });
    await c.post(`/deals/${a}/win`, {});
    await c.post(`/deals/${b}/lose`, { reason: 'Hind' });
    const last = await c.post<Ids>(`/deals/${d}/stage`, { stageId: demo });
    type Flow = { entered: number; advanced: number; movedBack: number; won: number; lost: number };
    const analyst = await service.staff('Anu Analüüs', ['analyst']);
    const report = await queries(service, analyst).get<{
      name: string;
      period: string;
      stages: { name: string; removed: boolean; current: Flow & { advanceRate: number | null } }[];
      current: { won: number; lost: number; winRate: number | null };
    }>(`/pipelines/${pipeline.body.id}/flow`, last.body.position);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ name: 'Lehter', period: month(0) });
    expect(
      report.body.stages.map(({ name, current: { entered, advanced, movedBack, won, lost } }) => [
        name,
        { entered, advanced, movedBack, won, lost },
      ]),
    ).toEqual([
      ['Kontakt', { entered: 3, advanced: 2, movedBack: 0, won: 0, lost: 1 }],
      ['Demo', { entered: 2, advanced: 0, movedBack: 0, won: 1, lost: 0 }],
      ['Pakkumine', { entered: 1, advanced: 0, movedBack: 1, won: 0, lost: 0 }],
    ]);
    expect(report.body.stages[0]!.current.advanceRate).toBe(0.667);
    expect(report.body.current).toEqual({ won: 1, lost: 1, winRate: 0.5 });

    // One member's deals only: what happened to them while they owned them.
    const anna = await service.staff('Anna Lehter', ['sales']);
    const hers = await commands(service, anna).post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Anna tehing',
      value: { amount: 5_000, currency: 'EUR' },
    });
    const own = await queries(service, analyst).get<{
      ownerId: string;
      stages: { current: Flow }[];
    }>(`/pipelines/${pipeline.body.id}/flow?ownerId=${anna.id}`, hers.body.position);
    expect(own.body.ownerId).toBe(anna.id);
    expect(own.body.stages.map((s) => s.current.entered)).toEqual([1, 0, 0]);

    const q = queries(service);
    for (const period of ['2026-13', '0000-01'])
      expect((await q.get(`/pipelines/${pipeline.body.id}/flow?period=${period}`)).status).toBe(
        400,
      );
    const unknown = await q.get<{ type: string }>(`/pipelines/${customer.body.id}/flow`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toContain('pipeline-not-found');
  });

  it('shows where customers come from: the leads of each source this month and what became of them', async () => {
    const { service } = suite;
    const c = commands(service);
    const pipeline = await c.post<Ids>('/pipelines', {
      name: 'Allikad',
      stages: [{ name: 'Kontakt' }],
    });
    const lead = async (source: string) =>
      (await c.post<Ids>('/leads', { personName: `Allikas ${source}`, source })).body.id;
    const [first, second, third] = [
      await lead('Messi-allikas'),
      await lead('messi-allikas '),
      await lead('MESSI-ALLIKAS'),
    ];
    await lead('Veebi-allikas');
    await c.post(`/leads/${first}/qualify`, {});
    const convert = async (leadId: string) =>
      (
        await c.post<Ids>(`/leads/${leadId}/convert`, {
          pipelineId: pipeline.body.id,
          value: { amount: 20_000, currency: 'EUR' },
        })
      ).body;
    const won = await convert(first);
    await c.post(`/deals/${won.dealId!}/win`, {});
    const lost = await convert(second);
    await c.post(`/deals/${lost.dealId!}/lose`, { reason: 'Hind' });
    await c.post<Ids>(`/leads/${third}/disqualify`, { reason: 'Ei sobi' });
    // A customer met at the fair, registered straight away, and one from a source of its own.
    await c.post('/customers', { kind: 'company', name: 'Messi OÜ', source: 'Messi-allikas' });
    const last = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Soovitus OÜ',
      source: 'Soovituse-allikas',
    });
    type Funnel = Record<string, unknown> & { created: number };
    const analyst = await service.staff('Anu Allikas', ['analyst']);
    const report = await queries(service, analyst).get<{
      period: string;
      sources: { source: string; current: Funnel; previous: Funnel }[];
      total: { current: Funnel };
    }>('/reports/lead-sources', last.body.position);
    expect(report.status).toBe(200);
    expect(report.body.period).toBe(month(0));
    const fair = report.body.sources.find((s) => s.source.toLowerCase() === 'messi-allikas');
    expect(fair?.current).toEqual({
      created: 3,
      open: 0,
      qualified: 1,
      disqualified: 1,
      converted: 2,
      conversionRate: 0.667,
      averageDaysToConvert: 0,
      won: 1,
      lost: 1,
      winRate: 0.5,
      wonValue: { EUR: 20_000 },
      registeredDirectly: 1,
    });
    expect(fair?.previous.created).toBe(0);
    expect(
      report.body.sources.find((s) => s.source === 'Soovituse-allikas')?.current,
    ).toMatchObject({ created: 0, registeredDirectly: 1, conversionRate: null });
    expect(report.body.sources.find((s) => s.source === 'Veebi-allikas')?.current).toMatchObject({
      created: 1,
      open: 1,
      conversionRate: 0,
    });
    expect(report.body.total.current.created).toBeGreaterThanOrEqual(4);
    const bad = await queries(service).get<{ type: string }>(
      '/reports/lead-sources?period=2026-13',
    );
    expect(bad.status).toBe(400);
  });

  it('gives sales by county and by age band for a period, with the change against the one before', async () => {
    const { service } = suite;
    const c = commands(service);
    const pipeline = await c.post<Ids>('/pipelines', { name: 'Piirkond', stages: [{ name: 'A' }] });
    const customer = async (name: string, county: string, birthDate: string) => {
      const r = await c.post<Ids>('/customers', {
        kind: 'person',
        name,
        address: { city: 'Linn', county },
      });
      await c.post(`/customers/${r.body.id}/profile`, {
        demographic: { birthDate, familyStatus: 'married' },
      });
      return r.body.id;
    };
    const won = async (customerId: string, amount: number) => {
      const d = await c.post<Ids>('/deals', {
        customerId,
        pipelineId: pipeline.body.id,
        title: 'Müük',
        value: { amount, currency: 'EUR' },
      });
      return c.post<Ids>(`/deals/${d.body.id}/win`, {});
    };
    const tartu1 = await customer('Tartu Üks', 'Tartumaa-X', '1990-05-01');
    const tartu2 = await customer('Tartu Kaks', 'tartumaa-x', '1950-05-01');
    const harju = await customer('Harju Üks', 'Harjumaa-X', '1990-06-01');
    await won(tartu1, 10_000);
    await won(tartu2, 20_000);
    const last = await won(harju, 5_000);
    type Groups = {
      period: string;
      groups: {
        group: string;
        customers: number;
        current: { won: number; wonValue: Record<string, number> };
        change: { won: number; wonValue: Record<string, number> };
      }[];
    };
    const byCounty = await queries(service).get<Groups>(
      `/reports/groups?by=county&period=${month(0)}`,
      last.body.position,
    );
    expect(byCounty.status).toBe(200);
    const tartu = byCounty.body.groups.find((g) => g.group === 'Tartumaa-X');
    expect(tartu).toMatchObject({
      customers: 2,
      current: { won: 2, wonValue: { EUR: 30_000 } },
      change: { won: 2, wonValue: { EUR: 30_000 } },
    });
    expect(byCounty.body.groups.find((g) => g.group === 'Harjumaa-X')).toMatchObject({
      customers: 1,
      current: { won: 1 },
    });
    const byAge = await queries(service).get<Groups>(
      `/reports/groups?by=ageBand&period=${month(0)}`,
    );
    expect(byAge.body.groups.find((g) => g.group === '65 and over')?.current.won).toBe(1);
    expect(byAge.body.groups.find((g) => g.group === '35–44')?.current.won).toBeGreaterThanOrEqual(
      2,
    );
  });
});
