import { randomUUID } from 'node:crypto';
import { commands, type Ids, queries, type Service, startService } from './support/service';
import { day } from './support/days';

type Page = { items: Record<string, unknown>[] };
type Problem = { type: string; status: number; detail: string };

/**
 * A deal, lead, ticket, activity, staff member, pipeline or segment is read by its id: the
 * same view its list shows, 404 problem+json for an id that names nothing.
 */
describe('one of each, read by its id', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService();
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('answers what the list answers for it, and the deal its revision for If-Match', async () => {
    const c = commands(service);
    const q = queries(service);
    const pipeline = await c.post<Ids>('/pipelines', {
      name: 'Retail',
      stages: [{ name: 'Contact' }, { name: 'Offer', probability: 50 }],
    });
    const [contact, offer] = pipeline.body.stageIds!;
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Tamm AS' });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      stageId: contact,
      title: 'Shelves',
      value: { amount: 120000, currency: 'EUR' },
    });
    const moved = await c.post<Ids>(
      `/deals/${deal.body.id}/stage`,
      { stageId: offer },
      {
        'if-match': String(deal.body.revision),
      },
    );
    expect(moved.status).toBe(200);
    const lead = await c.post<Ids>('/leads', { personName: 'Mari Mets', source: 'fair' });
    const ticket = await c.post<Ids>('/tickets', {
      customerId: customer.body.id,
      channel: 'email',
      subject: 'Shelf broke',
      priority: 'high',
    });
    const activity = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      kind: 'call',
      title: 'Call about the shelves',
      dueOn: day(-2),
    });
    const member = await c.post<Ids>('/staff', {
      name: 'Anna Tamm',
      email: 'anna.tamm@example.com',
      roles: ['sales'],
    });
    const segment = await c.post<Ids>('/segments', {
      name: 'Companies',
      rules: { tagsAll: ['shelves'] },
    });
    const after = segment.body.position;

    const cases: [string, string, string, string][] = [
      ['deals', deal.body.id, 'dealId', `/deals?customerId=${customer.body.id}`],
      ['leads', lead.body.id, 'leadId', '/leads'],
      ['tickets', ticket.body.id, 'ticketId', `/tickets?customerId=${customer.body.id}`],
      ['activities', activity.body.id, 'activityId', `/activities?customerId=${customer.body.id}`],
      ['staff', member.body.id, 'staffId', '/staff?limit=200'],
      ['segments', segment.body.id, 'segmentId', '/segments'],
      ['pipelines', pipeline.body.id, 'pipelineId', '/pipelines'],
    ];
    for (const [collection, id, key, list] of cases) {
      const one = await q.get(`/${collection}/${id}`, after);
      expect([collection, one.status]).toEqual([collection, 200]);
      const listed = await q.get<Page>(list, after);
      const item = listed.body.items.find((i) => i[key] === id);
      expect([collection, one.body]).toEqual([collection, item]);
      // The read models' own bookkeeping is not answered (a pipeline keeps `_id`, as before).
      const internal = Object.keys(one.body as object).filter(
        (k) => k.startsWith('_') && !(collection === 'pipelines' && k === '_id'),
      );
      expect([collection, internal]).toEqual([collection, []]);
    }

    const one = await q.get(`/deals/${deal.body.id}`, after);
    expect(one.body).toMatchObject({
      dealId: deal.body.id,
      stageId: offer,
      status: 'open',
      revision: moved.body.revision,
      value: { amount: 120000, currency: 'EUR' },
    });
    // The revision read is what the next command sends as If-Match.
    const won = await c.post(
      `/deals/${deal.body.id}/win`,
      {},
      {
        'if-match': String(one.body['revision']),
      },
    );
    expect(won.status).toBe(200);
    const activityRead = await q.get(`/activities/${activity.body.id}?tz=Europe/Tallinn`, after);
    expect(activityRead.body).toMatchObject({ title: 'Call about the shelves', overdue: true });
    const ticketRead = await q.get(`/tickets/${ticket.body.id}`, after);
    expect(ticketRead.body).toMatchObject({ subject: 'Shelf broke', priority: 'high' });
    expect(Object.keys(ticketRead.body['slaState'] as object)).toEqual([
      'firstResponse',
      'resolution',
    ]);
    const pipelineRead = await q.get<{ stages: { name: string }[] }>(
      `/pipelines/${pipeline.body.id}`,
      after,
    );
    expect(pipelineRead.body.stages.map((s) => s.name)).toEqual(['Contact', 'Offer']);
    // Named like every other read's item, and by `_id` as before.
    expect(pipelineRead.body).toMatchObject({
      pipelineId: pipeline.body.id,
      _id: pipeline.body.id,
      name: 'Retail',
    });
  });

  it('answers 404 problem+json for an id that names nothing, 400 for one that is no id', async () => {
    const q = queries(service);
    for (const [collection, type] of [
      ['deals', 'deal-not-found'],
      ['leads', 'lead-not-found'],
      ['tickets', 'ticket-not-found'],
      ['activities', 'activity-not-found'],
      ['staff', 'staff-not-found'],
      ['segments', 'segment-not-found'],
      ['pipelines', 'pipeline-not-found'],
    ] as const) {
      const missing = await q.get<Problem>(`/${collection}/${randomUUID()}`);
      expect([collection, missing.status, missing.body.type]).toEqual([
        collection,
        404,
        `urn:kroonika:problem:${type}`,
      ]);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      const malformed = await q.get<Problem>(`/${collection}/not-an-id`);
      expect([collection, malformed.status]).toEqual([collection, 400]);
    }
  });
});
