import { SqliteEventStore } from '#event-store';
import { commands, type Ids, queries, type Service, startService } from './support/service';

type Problem = { type: string };
const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

describe('customer service tickets over HTTP, with SLA deadlines stamped into their events', () => {
  let service: Service;
  let store: SqliteEventStore;
  beforeAll(async () => {
    service = await startService({
      env: {
        // round the clock, so the deadlines are plain hours after opening
        BUSINESS_DAYS: '1,2,3,4,5,6,7',
        BUSINESS_HOURS_START: '0',
        BUSINESS_HOURS_END: '24',
        SLA_POLICIES: JSON.stringify({
          urgent: { firstResponseHours: 1, resolutionHours: 4 },
          normal: { firstResponseHours: 8, resolutionHours: 24 },
        }),
      },
    });
    store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
  }, 60000);
  afterAll(async () => {
    await store.close();
    await service.stop();
  });

  it('opens, reclassifies, responds, resolves, reopens and closes', async () => {
    const agent = await service.staff('Tiina Tugi', ['sales']);
    const c = commands(service, agent);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Abi OÜ' });
    const opened = await c.post<Ids>('/tickets', {
      customerId: customer.body.id,
      channel: 'email',
      subject: 'Invoice shows the wrong VAT',
      description: 'Invoice 2026-000012 has 20 % VAT instead of 24 %',
      classification: 'billing',
      priority: 'normal',
    });
    expect(opened.status).toBe(201);
    const ticketId = opened.body.id;
    const events = async () => store.readStream(`ticket-${ticketId}`);
    const first = (await events())[0]!;
    const openedAt = (first.data as { openedAt: string }).openedAt;
    expect((first.data as { sla: unknown }).sla).toEqual({
      firstResponseDue: hours(openedAt.slice(0, 16) + ':00.000Z', 8),
      resolutionDue: hours(openedAt.slice(0, 16) + ':00.000Z', 24),
    });

    expect(
      (
        await c.post(`/tickets/${ticketId}/reclassify`, {
          priority: 'urgent',
          reason: 'month-end close',
        })
      ).status,
    ).toBe(200);
    const reclassified = (await events()).at(-1)!.data as { sla: { resolutionDue: string } };
    expect(reclassified.sla.resolutionDue).toBe(hours(openedAt.slice(0, 16) + ':00.000Z', 4));
    for (const message of ['We are looking into it', 'Corrected invoice attached'])
      expect(
        (await c.post(`/tickets/${ticketId}/respond`, { message, channel: 'email' })).status,
      ).toBe(200);
    const responses = (await events())
      .filter((e) => e.type === 'TicketResponded')
      .map((e) => (e.data as { first: boolean }).first);
    expect(responses).toEqual([true, false]);
    expect(
      (await c.post(`/tickets/${ticketId}/resolve`, { resolution: 'Credit note issued' })).status,
    ).toBe(200);
    expect((await c.post(`/tickets/${ticketId}/reopen`, { reason: 'Still wrong' })).status).toBe(
      200,
    );
    expect(
      (await c.post(`/tickets/${ticketId}/resolve`, { resolution: 'Fixed for real' })).status,
    ).toBe(200);
    expect(
      (await c.post(`/tickets/${ticketId}/close`, { note: 'confirmed by phone' })).status,
    ).toBe(200);
    const late = await c.post<Problem>(`/tickets/${ticketId}/respond`, {
      message: 'x',
      channel: 'email',
    });
    expect([late.status, late.body.type]).toEqual([409, 'urn:kroonika:problem:ticket-closed']);

    const timeline = await queries(service).get<{ items: { summary: string }[] }>(
      `/customers/${customer.body.id}/timeline?group=service`,
      await store.headPosition(),
    );
    expect(timeline.body.items.map((e) => e.summary)).toEqual([
      'Ticket closed',
      'Ticket resolved: Fixed for real',
      'Ticket reopened: Still wrong',
      'Ticket resolved: Credit note issued',
      'Response by Tiina Tugi via email',
      'First response by Tiina Tugi via email',
      'Ticket reclassified from normal to urgent (billing): month-end close',
      'Ticket opened (normal, email): Invoice shows the wrong VAT, assigned to Tiina Tugi',
    ]);
  });

  it('counts a resolution or a closing before any response as the first answer', async () => {
    const c = commands(service);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Kiire OÜ' });
    const open = async (subject: string) =>
      (
        await c.post<Ids>('/tickets', {
          customerId: customer.body.id,
          channel: 'phone',
          subject,
          priority: 'urgent',
        })
      ).body.id;
    const solved = await open('Password reset');
    const spam = await open('Duplicate of the call before');
    await c.post(`/tickets/${solved}/resolve`, { resolution: 'Reset on the phone' });
    const closed = await c.post<Ids>(`/tickets/${spam}/close`, { note: 'duplicate' });
    type Ticket = {
      status: string;
      firstResponseAt: string | null;
      closedAt: string | null;
      slaState: { firstResponse: string; resolution: string };
    };
    const read = (id: string) =>
      queries(service).get<Ticket & Record<string, unknown>>(
        `/tickets/${id}`,
        closed.body.position,
      );
    const a = (await read(solved)).body;
    expect(a).toMatchObject({
      status: 'resolved',
      firstResponseAt: null,
      closedAt: null,
      slaState: { firstResponse: 'met', resolution: 'met' },
    });
    expect(a).not.toHaveProperty('answeredAt');
    const b = (await read(spam)).body;
    expect(b).toMatchObject({
      status: 'closed',
      slaState: { firstResponse: 'met', resolution: 'met' },
    });
    expect(b.closedAt).toMatch(/^2\d{3}-/);
    // Reopened, the resolution's target runs again; the first answer stays given.
    await c.post(`/tickets/${solved}/reopen`, { reason: 'Locked out again' });
    const reopened = await c.post(`/tickets/${solved}/reopen`, { reason: 'again' });
    expect(reopened.status).toBe(409);
    const again = (
      await queries(service).get<Ticket>(`/tickets/${solved}`, await store.headPosition())
    ).body;
    expect(again.slaState).toEqual({ firstResponse: 'met', resolution: 'on_track' });
  });
});
