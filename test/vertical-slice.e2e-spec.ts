import { todayIn } from '../libs/platform/src/today';
import { readStoreTargets } from './support/read-stores';
import { commands, type Ids, queries, type Service, startService } from './support/service';
import { shiftDay } from './support/days';

type TimelineItem = {
  type: string;
  actorId: string;
  summary: string;
  at: string;
  data: Record<string, unknown>;
};
type Board = {
  stages: {
    stageId: string;
    name: string;
    count: number;
    totals: Record<string, number>;
    cards: { dealId: string; nextActionColor: string; customer: { name: string } }[];
  }[];
};

describe.each(readStoreTargets())(
  'lead → deal → invoice across the three apps on $name',
  (target) => {
    let service: Service;
    beforeAll(async () => {
      const readStoreUrl = await target.setup();
      service = await startService({
        ...(readStoreUrl ? { readStoreUrl } : {}),
        // FerretDB (a SQLite-backed test server) writes far slower than MongoDB: wait longer.
        env: { MIN_POSITION_WAIT_MS: target.name === 'sqlite' ? '300' : '5000' },
      });
    }, 60000);
    afterAll(async () => {
      await service.stop();
      await target.teardown();
    }, 30000);

    it('records the whole story and shows it in timeline, 360 and board', async () => {
      const annaActor = await service.staff('Anna Tamm', ['sales', 'manager']);
      const benActor = await service.staff('Ben Kask', ['sales']);
      const anna = commands(service, annaActor);
      const ben = commands(service, benActor);
      const q = queries(service);
      const today = todayIn('UTC', new Date())!;

      const pipeline = await anna.post<Ids>('/pipelines', {
        name: 'B2B',
        stages: [
          { name: 'Contact', rottingDays: 14 },
          { name: 'Offer', probability: 50 },
          { name: 'Negotiation', probability: 80 },
        ],
      });
      expect(pipeline.status).toBe(201);
      const [contact, offer] = pipeline.body.stageIds!;

      const lead = await anna.post<Ids>('/leads', {
        personName: 'Mari Maasikas',
        companyName: 'Maasikas OÜ',
        email: 'mari@maasikas.ee',
        source: 'fair',
      });
      expect(lead.status).toBe(201);
      expect(lead.headers.get('etag')).toBe('"0"');
      expect(
        (await ben.post(`/leads/${lead.body.id}/qualify`, { note: 'budget confirmed' })).status,
      ).toBe(200);
      const converted = await ben.post<Ids>(`/leads/${lead.body.id}/convert`, {
        pipelineId: pipeline.body.id,
        dealTitle: 'Web shop',
        value: { amount: 1_500_000, currency: 'EUR' },
      });
      expect(converted.status).toBe(200);
      const customerId = converted.body.customerId!;
      const d1 = converted.body.dealId!;

      expect((await anna.post(`/deals/${d1}/stage`, { stageId: offer })).status).toBe(200);
      const d2 = (
        await anna.post<Ids>('/deals', {
          customerId,
          pipelineId: pipeline.body.id,
          title: 'Support',
          value: { amount: 200_000, currency: 'EUR' },
        })
      ).body.id;
      const d3 = (
        await anna.post<Ids>('/deals', {
          customerId,
          pipelineId: pipeline.body.id,
          stageId: offer,
          title: 'Hosting',
          value: { amount: 90_000, currency: 'EUR' },
        })
      ).body.id;
      await anna.post(`/deals/${d1}/next-action`, {
        dueOn: shiftDay(today, 7),
        description: 'Send the contract',
      });
      await anna.post(`/deals/${d2}/next-action`, {
        dueOn: shiftDay(today, -1),
        description: 'Call back',
      });
      const scheduled = await anna.post<Ids>(`/deals/${d3}/next-action`, {
        dueOn: today,
        description: 'Demo',
      });

      const before = await q.get<Board>(
        `/pipelines/${pipeline.body.id}/board?tz=UTC`,
        scheduled.body.position,
      );
      expect(before.status).toBe(200);
      expect(before.body.stages.map((s) => s.name)).toEqual(['Contact', 'Offer', 'Negotiation']);
      const colours = Object.fromEntries(
        before.body.stages.flatMap((s) => s.cards.map((c) => [c.dealId, c.nextActionColor])),
      );
      expect(colours).toEqual({ [d1]: 'grey', [d2]: 'red', [d3]: 'green' });
      const offerStage = before.body.stages[1]!;
      expect(offerStage.cards.map((c) => c.dealId)).toEqual([d3, d1]);
      expect(offerStage.totals).toEqual({ EUR: 1_590_000 });
      expect(before.body.stages[0]!.cards[0]!.customer.name).toBe('Maasikas OÜ');
      expect(before.body.stages[0]!.stageId).toBe(contact);
      expect(before.body.stages[0]!.cards.map((c) => c.dealId)).toEqual([d2]);

      const invoice = await ben.post<Ids>('/invoices', {
        kind: 'prepayment',
        customerId,
        dealId: d1,
        currency: 'EUR',
        issuedOn: today,
        dueOn: shiftDay(today, 14),
        lines: [{ description: 'Prepayment 50 %', quantity: 1, unitPrice: 750_000, vatRate: 24 }],
      });
      expect(invoice.status).toBe(201);
      expect(invoice.body.number).toBe(`${today.slice(0, 4)}-000001`);
      const won = await ben.post<Ids>(`/deals/${d1}/win`, { note: 'signed' });
      expect(won.status).toBe(200);

      const timeline = await q.get<{ items: TimelineItem[] }>(
        `/customers/${customerId}/timeline?limit=200`,
        won.body.position,
      );
      expect(timeline.body.items.map((e) => e.type)).toEqual([
        'DealWon',
        'InvoiceIssued',
        'DealNextActionScheduled',
        'DealNextActionScheduled',
        'DealNextActionScheduled',
        'DealOpened',
        'DealOpened',
        'DealStageMoved',
        'DealOpened',
        // the lead's person became the company's contact
        'ContactPersonAdded',
        'CustomerRegistered',
        'LeadConverted',
        'LeadQualified',
        'LeadCreated',
      ]);
      expect(timeline.body.items.map((e) => e.actorId)).toEqual([
        benActor.id,
        benActor.id,
        annaActor.id,
        annaActor.id,
        annaActor.id,
        annaActor.id,
        annaActor.id,
        annaActor.id,
        benActor.id,
        benActor.id,
        benActor.id,
        benActor.id,
        benActor.id,
        annaActor.id,
      ]);
      const summaries = timeline.body.items.map((e) => e.summary);
      expect(summaries).toContain('Deal moved from Contact to Offer');
      expect(summaries).toContain(
        `Prepayment invoice ${invoice.body.number!} issued, 9300.00 EUR due ${shiftDay(today, 14)}`,
      );
      expect(summaries[summaries.length - 1]).toBe(
        'Lead created: Mari Maasikas (Maasikas OÜ), source fair',
      );
      const ats = timeline.body.items.map((e) => e.at);
      expect([...ats].sort().reverse()).toEqual(ats);

      const pages: TimelineItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await q.get<{ items: TimelineItem[]; nextCursor?: string }>(
          `/customers/${customerId}/timeline?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        );
        pages.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(pages).toEqual(timeline.body.items);
      const sales = await q.get<{ items: TimelineItem[] }>(
        `/customers/${customerId}/timeline?group=invoices&actorId=${benActor.id}`,
      );
      expect(sales.body.items.map((e) => e.type)).toEqual(['InvoiceIssued']);

      const view = await q.get(`/customers/${customerId}`);
      expect(view.body).toMatchObject({
        customerId,
        name: 'Maasikas OÜ',
        kind: 'company',
        email: 'mari@maasikas.ee',
        ownerId: annaActor.id,
        sourceLeadId: lead.body.id,
        deals: { won: 1, lost: 0 },
        invoices: {
          byCurrency: {
            EUR: { invoiced: 930_000, paid: 0, outstanding: 930_000, overdue: 0, count: 1 },
          },
        },
        nextContactOn: shiftDay(today, -1),
      });
      const open = (view.body['deals'] as { open: { dealId: string; stage: { name: string } }[] })
        .open;
      expect(open.map((d) => d.dealId).sort()).toEqual([d2, d3].sort());
      expect(open.find((d) => d.dealId === d3)!.stage.name).toBe('Offer');

      const after = await q.get<Board>(`/pipelines/${pipeline.body.id}/board?tz=UTC`);
      expect(after.body.stages.flatMap((s) => s.cards.map((c) => c.dealId)).sort()).toEqual(
        [d2, d3].sort(),
      );

      const leads = await q.get<{
        items: { leadId: string; status: string; customerId: string }[];
      }>('/leads?status=converted');
      expect(leads.body.items).toEqual([
        expect.objectContaining({ leadId: lead.body.id, status: 'converted', customerId }),
      ]);
      const invoices = await q.get<{ items: { number: string; totals: { gross: number } }[] }>(
        `/invoices?customerId=${customerId}`,
      );
      expect(invoices.body.items.map((i) => [i.number, i.totals.gross])).toEqual([
        [invoice.body.number, 930_000],
      ]);
    });

    it('answers unknown read models with 404 and bad queries with 400 problem+json', async () => {
      const q = queries(service);
      const missing = await q.get(`/customers/00000000-0000-4000-8000-000000000000`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect((await q.get('/customers/not-a-uuid')).status).toBe(400);
      expect((await q.get('/leads?status[$gt]=')).status).toBe(400);
      expect((await q.get('/leads?limit=500')).status).toBe(400);
      expect((await q.get('/leads?cursor=forged')).status).toBe(400);
      expect(
        (await q.get(`/pipelines/00000000-0000-4000-8000-000000000000/board?tz=Mars/Olympus`))
          .status,
      ).toBe(400);
    });

    it('holds a read until the projector passes X-Min-Position, answers 503 when it does not in time, and 409 for a position no command answered', async () => {
      const q = queries(service);
      const lead = await commands(service).post<Ids>('/leads', {
        personName: 'Ülle Õun',
        source: 'phone',
      });
      const seen = await q.get<{ items: { leadId: string }[] }>(
        '/leads?status=new&limit=200',
        lead.body.position,
      );
      expect(seen.status).toBe(200);
      expect(Number(seen.headers.get('x-read-position'))).toBeGreaterThanOrEqual(
        lead.body.position,
      );
      expect(seen.body.items.map((l) => l.leadId)).toContain(lead.body.id);
      const ahead = await q.get<{ type: string }>('/leads', lead.body.position + 1_000_000);
      expect([ahead.status, ahead.body.type]).toEqual([
        409,
        'urn:kroonika:problem:position-ahead-of-log',
      ]);
      await service.kill('projector');
      try {
        const unseen = await commands(service).post<Ids>('/leads', {
          personName: 'Ants Aru',
          source: 'phone',
        });
        const late = await q.get('/leads', unseen.body.position);
        expect(late.status).toBe(503);
        expect(late.headers.get('retry-after')).toBe('1');
      } finally {
        await service.start('projector');
      }
      const invalid = await q.get('/leads', undefined, { 'x-min-position': 'soon' });
      expect(invalid.status).toBe(400);
    }, 30000);
  },
);
