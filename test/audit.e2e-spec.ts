import Database from 'better-sqlite3';
import { type StoredEvent, SqliteEventStore } from '#event-store';
import { todayIn } from '../libs/platform/src/today';
import { shiftDay } from './support/days';
import { commands, type Ids, queries, type Service, startService } from './support/service';

type Entry = { position: number; streamId: string; eventId: string; type: string; actorId: string };
type History = {
  streams: string[];
  items: Entry[];
  nextCursor?: string;
  verification?: { complete: boolean; scannedEvents: number; missingStreams: string[] };
};
type Folded<S> = { streamId: string; state: S };
type State = {
  customer: Folded<{ ownerId: string; tags: string[] }>;
  deals: Folded<{ stageId: string; status: string }>[];
  invoices: Folded<{ status: string; paid: number }>[];
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 15));

describe('auditors: history, state on any day and the hash chain, from the event store', () => {
  let service: Service;
  let events: SqliteEventStore;
  beforeAll(async () => {
    service = await startService();
    events = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
  }, 60000);
  afterAll(async () => {
    await events.close();
    await service.stop();
  });

  it('replays a scripted history and folds the state at several instants', async () => {
    const anna = await service.staff('Anna Müük', ['sales']);
    const mart = await service.staff('Mart Müük', ['sales']);
    const auditor = await service.staff('Aino Audit', ['auditor']);
    const c = commands(service, anna);
    const pipeline = await commands(service).post<Ids>('/pipelines', {
      name: 'Audit',
      stages: [{ name: 'First' }, { name: 'Second' }],
    });
    const [first, second] = pipeline.body.stageIds!;
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Audit AS' });
    const id = customer.body.id;
    const deal = await c.post<Ids>('/deals', {
      customerId: id,
      pipelineId: pipeline.body.id,
      stageId: first,
      title: 'Audit deal',
      value: { amount: 1000, currency: 'EUR' },
    });
    await tick();
    const beforeMove = new Date().toISOString();
    await tick();
    await c.post(`/deals/${deal.body.id}/stage`, { stageId: second });
    const invoice = await c.post<Ids>('/invoices', {
      kind: 'standard',
      customerId: id,
      currency: 'EUR',
      issuedOn: new Date().toISOString().slice(0, 10),
      dueOn: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      lines: [{ description: 'Audit work', quantity: 1, unitPrice: 1000, vatRate: 0 }],
    });
    const beforePayment = invoice.body.position;
    const paid = await c.post<Ids>(`/invoices/${invoice.body.id}/payments`, {
      paymentId: 'bank-tx-audit-1',
      amount: 1000,
      currency: 'EUR',
      paidOn: new Date().toISOString().slice(0, 10),
    });
    await tick();
    const beforeReassign = new Date().toISOString();
    await tick();
    const moved = await commands(service).post<Ids>(`/customers/${id}/owner`, { ownerId: mart.id });
    expect(moved.status).toBe(200);
    const q = queries(service, auditor);

    // History: from the event store, every stream, global order; the same as a full scan.
    const history = await q.get<History>(
      `/audit/customers/${id}/events?verify=full`,
      moved.body.position,
    );
    expect(history.status).toBe(200);
    const scanned: StoredEvent[] = [];
    for (let from = 0; ;) {
      const page = await events.readAll(from, { limit: 1000 });
      if (page.length === 0) break;
      scanned.push(...page.filter((e) => e.metadata.customerId === id));
      from = page[page.length - 1]!.position;
    }
    expect(history.body.items.map((e) => e.eventId)).toEqual(scanned.map((e) => e.eventId));
    expect(history.body.items.map((e) => e.type)).toEqual([
      'CustomerRegistered',
      'DealOpened',
      'DealStageMoved',
      'InvoiceIssued',
      'PaymentRecorded',
      'CustomerReassigned',
    ]);
    expect(history.body.verification).toMatchObject({ complete: true, missingStreams: [] });
    const paged = await q.get<History>(`/audit/customers/${id}/events?limit=4`);
    const rest = await q.get<History>(
      `/audit/customers/${id}/events?limit=4&cursor=${paged.body.nextCursor!}`,
    );
    expect([...paged.body.items, ...rest.body.items].map((e) => e.eventId)).toEqual(
      scanned.map((e) => e.eventId),
    );

    // Time travel: before and after a stage move, a payment and a reassignment.
    const state = async (query: string) =>
      (await q.get<State>(`/audit/customers/${id}/state?${query}`)).body;
    expect((await state(`asOf=${beforeMove}`)).deals[0]!.state.stageId).toBe(first);
    expect((await state(`asOf=${beforeReassign}`)).deals[0]!.state.stageId).toBe(second);
    expect((await state(`asOfPosition=${beforePayment}`)).invoices[0]!.state).toMatchObject({
      status: 'issued',
      paid: 0,
    });
    // What the state holds as sets and maps reads as lists and objects, not as `{}`.
    expect((await state(`asOfPosition=${paid.body.position}`)).invoices[0]!.state).toMatchObject({
      status: 'paid',
      paid: 1000,
      payments: { 'bank-tx-audit-1': 1000 },
      refunds: {},
      creditNotes: [],
    });
    expect((await state(`asOf=${beforeReassign}`)).customer.state.ownerId).toBe(anna.id);
    expect((await state('')).customer.state.ownerId).toBe(mart.id);
    expect((await state(`asOf=${beforeMove}`)).invoices).toEqual([]);
    expect((await q.get(`/audit/customers/${id}/state?asOf=yesterday`)).status).toBe(400);
    // A position is one the log can have: a whole number a JSON number holds exactly.
    expect((await q.get(`/audit/customers/${id}/state?asOfPosition=2e21`)).status).toBe(400);

    // Only auditors and admins read the record; every read of it is on the trail.
    expect((await queries(service, anna).get(`/audit/customers/${id}/events`)).status).toBe(403);
    expect((await q.get('/audit/trail')).status).toBe(403);
    const trail = await queries(service).get<{ items: { staffId: string; kind: string }[] }>(
      `/audit/trail?customerId=${id}&limit=200`,
      await events.headPosition(),
    );
    expect(trail.status).toBe(200);
    const kinds = trail.body.items.filter((r) => r.staffId === auditor.id).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'customer-history')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'customer-state')).toHaveLength(7);

    // Days in from/to are whole days in `tz`: Kiritimati (UTC+14) is a day ahead of UTC for
    // most of the day; the reads happened on its day `local`, not on the day before.
    const readAt = (trail.body.items[0] as unknown as { readAt: string }).readAt;
    const local = todayIn('Pacific/Kiritimati', new Date(readAt))!;
    const onDay = async (from: string, to: string) =>
      (
        await queries(service).get<{ items: unknown[] }>(
          `/audit/trail?customerId=${id}&limit=200&from=${from}&to=${to}&tz=Pacific/Kiritimati`,
        )
      ).body.items.length;
    expect(await onDay(local, local)).toBe(trail.body.items.length);
    expect(await onDay(shiftDay(local, -1), shiftDay(local, -1))).toBe(0);
    const timelineOn = async (from: string, to: string) =>
      (
        await queries(service).get<{ items: unknown[] }>(
          `/customers/${id}/timeline?from=${from}&to=${to}&tz=Pacific/Kiritimati`,
        )
      ).body.items.length;
    const registeredOn = todayIn('Pacific/Kiritimati', new Date(beforeReassign))!;
    expect(await timelineOn(registeredOn, registeredOn)).toBeGreaterThan(0);
    expect(await timelineOn(shiftDay(registeredOn, -2), shiftDay(registeredOn, -2))).toBe(0);
    // The last day a request may name holds everything up to it, in every zone: the day after
    // it has no four-digit year, which once made the bound sort before every instant.
    const all = (
      await queries(service).get<{ items: unknown[] }>(`/customers/${id}/timeline?limit=200`)
    ).body.items.length;
    expect(await timelineOn(registeredOn, '9999-12-31')).toBe(all);
    expect(await onDay(local, '9999-12-31')).toBe(trail.body.items.length);
    // A day in asOf is the state at its close in `tz`. In Pago Pago (UTC-11) a day begins
    // eleven hours after UTC's of that date, so that date's first moment in UTC, as asOf was
    // taken before, left out everything that happened on it there.
    const asOfDay = async (day: string) =>
      (await q.get<State>(`/audit/customers/${id}/state?asOf=${day}&tz=Pacific/Pago_Pago`)).body;
    const today = todayIn('Pacific/Pago_Pago', new Date())!;
    expect((await asOfDay(today)).customer.state.ownerId).toBe(mart.id);
    expect((await asOfDay(today)).deals[0]!.state.stageId).toBe(second);
    const before = todayIn('Pacific/Pago_Pago', new Date(beforeMove))!;
    expect((await asOfDay(shiftDay(before, -1))).deals).toEqual([]);
    expect((await asOfDay('9999-12-31')).deals[0]!.state.stageId).toBe(second);
    expect((await q.get(`/audit/customers/${id}/state?asOf=${today}&tz=Mars/Base`)).status).toBe(
      400,
    );
    // The reads did not join the customer's own history.
    const again = await q.get<History>(`/audit/customers/${id}/events`);
    expect(again.body.items).toHaveLength(6);
  });

  it('verifies a stream and finds an event changed in the database', async () => {
    const auditor = await service.staff('Arvo Audit', ['auditor']);
    const c = commands(service);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Ahel OÜ' });
    const id = customer.body.id;
    await c.post(`/customers/${id}/tags`, { add: ['one'] });
    await c.post(`/customers/${id}/tags`, { add: ['two'] });
    const q = queries(service, auditor);
    type Verified = { ok: boolean; checked: number; firstBroken: { revision: number } | null };
    const before = await q.get<Verified>(`/audit/streams/customer-${id}/verify`);
    expect(before.body).toMatchObject({ ok: true, checked: 3, firstBroken: null });

    const db = new Database(service.eventStoreUrl.slice('sqlite:'.length));
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.tags', json('["forged"]')) WHERE stream_id = ? AND revision = 1`,
    ).run(`customer-${id}`);
    db.close();

    const after = await q.get<Verified>(`/audit/streams/customer-${id}/verify`);
    expect(after.body).toMatchObject({ ok: false, firstBroken: { revision: 2 } });
    expect((await q.get('/audit/streams/no-such-stream/verify')).status).toBe(404);
    expect((await q.get('/audit/streams/%24all/verify')).status).toBe(400);
  });
});
