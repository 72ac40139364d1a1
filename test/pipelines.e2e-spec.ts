import { commands, type Ids, queries, type Service, startService } from './support/service';

type Board = {
  stages: { stageId: string; name: string; probability: number | null; count: number }[];
};
type Problem = { type: string; detail?: string };

describe('pipelines: stages added, renamed, tuned, reordered and removed; deals moved between pipelines', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService();
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('changes the stages and refuses to remove one that holds open deals', async () => {
    const manager = await service.staff('Mart Juht', ['manager']);
    const m = commands(service, manager);
    const q = queries(service);
    const b2b = await m.post<Ids>('/pipelines', {
      name: 'B2B',
      stages: [{ name: 'Contact' }, { name: 'Offer', probability: 40 }],
    });
    const [contact, offer] = b2b.body.stageIds!;
    const added = await m.post<Ids & { stageId: string }>(`/pipelines/${b2b.body.id}/stages`, {
      name: 'Negotiation',
      probability: 70,
      rottingDays: 10,
    });
    expect(added.status).toBe(201);
    const negotiation = added.body.stageId;
    expect(
      (await m.post(`/pipelines/${b2b.body.id}/stages/${offer!}/rename`, { name: 'Proposal' }))
        .status,
    ).toBe(200);
    expect(
      (await m.post(`/pipelines/${b2b.body.id}/stages/${offer!}/settings`, { probability: 50 }))
        .status,
    ).toBe(200);
    expect(
      (
        await m.post(`/pipelines/${b2b.body.id}/reorder-stages`, {
          stageIds: [contact, negotiation, offer],
        })
      ).status,
    ).toBe(200);
    expect(
      (await m.post<Problem>(`/pipelines/${b2b.body.id}/reorder-stages`, { stageIds: [contact] }))
        .body.type,
    ).toBe('urn:kroonika:problem:reorder-all-stages');

    const customer = await commands(service).post<Ids>('/customers', {
      kind: 'company',
      name: 'Kask AS',
    });
    const deal = await commands(service).post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: b2b.body.id,
      stageId: negotiation,
      title: 'Framework agreement',
      value: { amount: 500_000, currency: 'EUR' },
    });
    const blocked = await m.post<Problem>(`/pipelines/${b2b.body.id}/stages/${negotiation}/remove`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.type).toBe('urn:kroonika:problem:stage-not-empty');

    const board = await q.get<Board>(`/pipelines/${b2b.body.id}/board?tz=UTC`, deal.body.position);
    expect(board.body.stages.map((s) => [s.name, s.probability, s.count])).toEqual([
      ['Contact', null, 0],
      ['Negotiation', 70, 1],
      ['Proposal', 50, 0],
    ]);

    const retail = await m.post<Ids>('/pipelines', {
      name: 'Retail',
      stages: [{ name: 'Lead' }, { name: 'Sale' }],
    });
    const moved = await commands(service).post<Ids>(`/deals/${deal.body.id}/pipeline`, {
      pipelineId: retail.body.id,
      stageId: retail.body.stageIds![1],
    });
    expect(moved.status).toBe(200);
    expect(
      (
        await commands(service).post<Problem>(`/deals/${deal.body.id}/pipeline`, {
          pipelineId: retail.body.id,
        })
      ).body.type,
    ).toBe('urn:kroonika:problem:same-pipeline');
    const removed = await m.post(`/pipelines/${b2b.body.id}/stages/${negotiation}/remove`, {
      reason: 'merged into Proposal',
    });
    expect(removed.status).toBe(200);
    const after = await q.get<Board>(
      `/pipelines/${b2b.body.id}/board?tz=UTC`,
      (removed.body as Ids).position,
    );
    expect(after.body.stages.map((s) => s.name)).toEqual(['Contact', 'Proposal']);
    const retailBoard = await q.get<Board>(`/pipelines/${retail.body.id}/board?tz=UTC`);
    expect(retailBoard.body.stages.map((s) => s.count)).toEqual([0, 1]);
    const timeline = await q.get<{ items: { summary: string }[] }>(
      `/customers/${customer.body.id}/timeline?type=DealMovedToPipeline`,
    );
    expect(timeline.body.items.map((e) => e.summary)).toEqual([
      'Deal moved to another pipeline, into Sale',
    ]);
  });

  it('archives a pipeline without open deals: no deal is put in it until it is restored; its board stays', async () => {
    const c = commands(service);
    const q = queries(service);
    const old = await c.post<Ids>('/pipelines', { name: 'Fairs 2025', stages: [{ name: 'Met' }] });
    const other = await c.post<Ids>('/pipelines', { name: 'Web', stages: [{ name: 'New' }] });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Laat OÜ' });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: old.body.id,
      title: 'Stand',
      value: { amount: 1000, currency: 'EUR' },
    });
    const busy = await c.post<Problem>(`/pipelines/${old.body.id}/archive`, {});
    expect([busy.status, busy.body.type]).toEqual([409, 'urn:kroonika:problem:pipeline-not-empty']);
    expect((await c.post(`/deals/${deal.body.id}/lose`, { reason: 'no budget' })).status).toBe(200);
    const archived = await c.post<Ids>(
      `/pipelines/${old.body.id}/archive`,
      { reason: 'the fair season is over' },
      { 'if-match': String(old.body.revision) },
    );
    expect([archived.status, archived.body.revision]).toEqual([200, 1]);
    const again = await c.post<Ids>(`/pipelines/${old.body.id}/archive`, {});
    expect([again.status, again.body.revision]).toEqual([200, 1]);

    type Pipeline = { pipelineId: string; name: string; archivedAt: string | null };
    const read = await q.get<Pipeline>(`/pipelines/${old.body.id}`, archived.body.position);
    expect(Date.parse(read.body.archivedAt ?? '')).not.toBeNaN();
    const names = async (status: string) =>
      (await q.get<{ items: Pipeline[] }>(`/pipelines?status=${status}`)).body.items.map(
        (p) => p.pipelineId,
      );
    expect(await names('archived')).toEqual([old.body.id]);
    expect(await names('active')).toContain(other.body.id);
    expect(await names('active')).not.toContain(old.body.id);
    expect((await q.get('/pipelines?status=gone')).status).toBe(400);
    // Its board, with the lost deal's history, stays readable.
    expect((await q.get(`/pipelines/${old.body.id}/board`)).status).toBe(200);

    const refused = async (path: string, body: object) => {
      const reply = await c.post<Problem>(path, body);
      expect([reply.status, reply.body.type]).toEqual([
        409,
        'urn:kroonika:problem:pipeline-archived',
      ]);
    };
    await refused('/deals', {
      customerId: customer.body.id,
      pipelineId: old.body.id,
      title: 'Another stand',
      value: { amount: 1000, currency: 'EUR' },
    });
    await refused(`/deals/${deal.body.id}/reopen`, { reason: 'they called back' });
    const web = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: other.body.id,
      title: 'Web shop',
      value: { amount: 5000, currency: 'EUR' },
    });
    await refused(`/deals/${web.body.id}/pipeline`, { pipelineId: old.body.id });
    const lead = await c.post<Ids>('/leads', { personName: 'Mai Mets', source: 'fair' });
    await refused(`/leads/${lead.body.id}/convert`, {
      pipelineId: old.body.id,
      value: { amount: 1000, currency: 'EUR' },
    });
    await refused(`/pipelines/${old.body.id}/stages`, { name: 'Offer' });
    await refused('/workflow-rules', {
      name: 'Call after the fair',
      rule: {
        kind: 'follow-up-on-stage',
        pipelineId: old.body.id,
        stageId: old.body.stageIds![0],
        activityKind: 'call',
        title: 'Call',
        afterDays: 2,
      },
    });

    const restored = await c.post<Ids>(`/pipelines/${old.body.id}/restore`, {});
    expect([restored.status, restored.body.revision]).toEqual([200, 2]);
    expect(
      (await c.post(`/deals/${deal.body.id}/reopen`, { reason: 'they called back' })).status,
    ).toBe(200);
    const back = await q.get<Pipeline>(`/pipelines/${old.body.id}`, restored.body.position);
    expect(back.body.archivedAt).toBeNull();
  });
});
