import { day } from './support/days';
import { readStoreTargets } from './support/read-stores';
import { commands, type Ids, queries } from './support/service';
import { mailServiceOn } from './support/smtp';

type Members = { items: { name: string }[] };
type Behaviour = {
  interactions: Record<string, number>;
  tickets: {
    byClass: { classification: string; count: number }[];
    byPhase: { phase: string; stage: string | null; count: number }[];
  };
  campaigns: Record<string, number | null>;
};
type Report = { customers: number; current: { dealsOpened: number; behaviour: Behaviour } };

const work = (description: string, unitPrice: number) => ({
  description,
  quantity: 1,
  unitPrice,
  vatRate: 24,
});

describe.each(readStoreTargets())('segments by behaviour, on $name', (target) => {
  const suite = mailServiceOn(target, { EMAIL_POLL_MS: '50' });

  it('finds customers by what, how recently, how often and how much they bought and by demographics; reports what they did', async () => {
    const { service, smtp } = suite;
    const seller = await service.staff('Sander Müük', ['sales']);
    const manager = await service.staff('Maria Juht', ['manager']);
    const s = commands(service, seller);
    const m = commands(service, manager);
    const q = queries(service, seller);
    const today = day();
    const consent = {
      channel: 'email',
      source: 'uudiskirja vorm',
      givenAt: new Date().toISOString(),
    };

    const anne = await s.post<Ids>('/customers', {
      kind: 'person',
      name: 'Anne Aed',
      email: 'anne@aed.ee',
    });
    await s.post(`/customers/${anne.body.id}/profile`, {
      demographic: {
        birthDate: `${Number(today.slice(0, 4)) - 36}-01-01`,
        familyStatus: 'married',
        children: 2,
      },
    });
    const puu = await s.post<Ids>('/customers', {
      kind: 'company',
      name: 'Puukool OÜ',
      email: 'info@puukool.ee',
    });
    for (const id of [anne.body.id, puu.body.id]) {
      await s.post(`/customers/${id}/consents`, consent);
      await s.post(`/customers/${id}/tags`, { add: ['uudiskiri'] });
    }
    const invoice = (customerId: string, line: ReturnType<typeof work>) =>
      s.post<Ids>('/invoices', {
        kind: 'standard',
        customerId,
        currency: 'EUR',
        issuedOn: today,
        dueOn: day(14),
        lines: [line],
      });
    expect((await invoice(anne.body.id, work('Aiahooldus kevadel', 100_00))).status).toBe(201);
    expect((await invoice(puu.body.id, work('Õunapuu istikud', 300_00))).status).toBe(201);
    const last = await invoice(puu.body.id, work('Õunapuu istikud', 250_00));

    const members = async (rules: Record<string, unknown>) => {
      const segment = await m.post<Ids>('/segments', { name: `S ${Math.random()}`, rules });
      expect(segment.status).toBe(201);
      const page = await q.get<Members>(
        `/segments/${segment.body.id}/members`,
        Math.max(segment.body.position, last.body.position),
      );
      return page.body.items.map((i) => i.name).sort();
    };
    expect(await members({ purchases: { products: ['HOOLDUS'], withinDays: 30 } })).toEqual([
      'Anne Aed',
    ]);
    expect(await members({ purchases: { products: ['ounapuu'], minCount: 2 } })).toEqual([
      'Puukool OÜ',
    ]);
    expect(await members({ purchases: { minSpent: { amount: 500_00, currency: 'EUR' } } })).toEqual(
      ['Puukool OÜ'],
    );
    expect(await members({ purchases: { lastWithinDays: 7 } })).toEqual(['Anne Aed', 'Puukool OÜ']);
    expect(await members({ purchases: { noneForDays: 30 } })).toEqual([]);
    expect(
      await members({ ageBands: ['35–44'], familyStatuses: ['married'], hasChildren: true }),
    ).toEqual(['Anne Aed']);
    const clash = await m.post('/segments', {
      name: 'Vastuolu',
      rules: { purchases: { lastWithinDays: 30, noneForDays: 60 } },
    });
    expect([clash.status, clash.body['type']]).toEqual([
      409,
      expect.stringContaining('purchase-rules-exclusive'),
    ]);

    // What they did: a call, tickets opened in a deal's stage and by a prospect, a campaign.
    const pipeline = await m.post<Ids>('/pipelines', {
      name: 'Aiamüük',
      stages: [{ name: 'Pakkumine' }, { name: 'Leping' }],
    });
    const deal = (customerId: string, title: string) =>
      s.post<Ids>('/deals', {
        customerId,
        pipelineId: pipeline.body.id,
        title,
        value: { amount: 1000_00, currency: 'EUR' },
      });
    await deal(anne.body.id, 'Aia rajamine');
    await s.post('/activities/log', {
      customerId: anne.body.id,
      kind: 'call',
      summary: 'Rääkisime pakkumisest',
      minutesSpent: 10,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const ticket = (customerId: string, classification?: string) =>
      s.post('/tickets', {
        customerId,
        channel: 'email',
        subject: 'Küsimus',
        ...(classification ? { classification } : {}),
        priority: 'normal',
      });
    await ticket(anne.body.id, 'Arveldus');
    await ticket(puu.body.id);
    const newsletter = await m.post<Ids>('/segments', {
      name: 'Uudiskiri',
      rules: { tagsAll: ['uudiskiri'], consent: ['email'] },
    });
    const campaign = await m.post<Ids>('/campaigns', {
      name: 'Kevad',
      segmentId: newsletter.body.id,
      subject: 'Kevadpakkumine',
      text: 'Tere, {{name}}!',
    });
    expect(campaign.status).toBe(201);
    await smtp.waitFor(2);
    // Sent, then a recipient opens a deal: the campaign's doing.
    for (let i = 0; i < 100; i += 1) {
      const sent = await q.get<{ items: unknown[] }>('/emails?status=sent');
      if (sent.body.items.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await deal(puu.body.id, 'Viljapuuaed');

    const report = await q.get<Report>(
      `/segments/${newsletter.body.id}/report?period=${today.slice(0, 7)}`,
      after.body.position,
    );
    expect(report.status).toBe(200);
    const { behaviour } = report.body.current;
    expect(report.body.customers).toBe(2);
    expect(report.body.current.dealsOpened).toBe(2);
    expect(behaviour.interactions['call']).toBe(1);
    expect(behaviour.tickets.byClass).toEqual([
      { classification: 'Arveldus', count: 1 },
      { classification: 'unclassified', count: 1 },
    ]);
    expect(behaviour.tickets.byPhase).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ phase: 'deal', stage: 'Pakkumine', count: 1 }),
        expect.objectContaining({ phase: 'prospect', stage: null, count: 1 }),
      ]),
    );
    expect(behaviour.campaigns).toEqual(
      expect.objectContaining({ sent: 2, failed: 0, dealsOpened: 1, dealsWon: 0, deliveryRate: 1 }),
    );
    const categories = await q.get<{
      categories: { category: string; current: { behaviour: Behaviour } }[];
    }>(`/reports/categories?period=${today.slice(0, 7)}`, after.body.position);
    const uncategorised = categories.body.categories.find((c) => c.category === 'uncategorised');
    expect(uncategorised?.current.behaviour.campaigns['sent']).toBe(2);
  });
});
