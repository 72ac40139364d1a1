import { randomUUID } from 'node:crypto';
import { openEventStore, SqliteEventStore } from '#event-store';
import { commands, type Ids, type Service, startService } from './support/service';

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; messages: string[] }[];
};

describe('command guarantees over HTTP', () => {
  let service: Service;
  let store: SqliteEventStore;
  const api = () => commands(service);
  const head = () => store.headPosition();

  beforeAll(async () => {
    service = await startService({ apps: ['command-api'] });
    store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
  }, 60000);
  afterAll(async () => {
    await store.close();
    await service.stop();
  });

  let companies = 0;
  const setup = async () => {
    const pipeline = await api().post<Ids>('/pipelines', {
      name: `P ${randomUUID()}`,
      stages: [{ name: 'A' }, { name: 'B' }],
    });
    const customer = await api().post<Ids>('/customers', {
      kind: 'company',
      name: 'Kask AS',
      // One company per setup: a registry code names one customer.
      registryCode: String(10_000_001 + companies++),
    });
    const deal = await api().post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Deal',
      value: { amount: 100, currency: 'EUR' },
    });
    return { pipeline: pipeline.body, customerId: customer.body.id, dealId: deal.body.id };
  };

  /** Runs a request that must be rejected, and proves that nothing was appended. */
  const rejected = async (
    status: number,
    request: () => Promise<{ status: number; headers: Headers; body: unknown }>,
  ) => {
    const before = await head();
    const reply = await request();
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(await head()).toBe(before);
    return reply.body as ProblemBody;
  };

  it('gives 20 concurrent invoices 20 distinct, gapless numbers', async () => {
    const { customerId } = await setup();
    const issuedOn = '2031-05-02';
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api().post<Ids>('/invoices', {
          kind: 'standard',
          customerId,
          currency: 'EUR',
          issuedOn,
          dueOn: '2031-05-16',
          lines: [{ description: `Service ${i}`, quantity: 1, unitPrice: 1000 + i, vatRate: 24 }],
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = replies.map((r) => r.body.number!).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `2031-${String(i + 1).padStart(6, '0')}`),
    );
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(20);
  });

  it('appends one set of events for a command retried with one Idempotency-Key, with the same answer', async () => {
    const key = { 'idempotency-key': `create-${randomUUID()}` };
    const body = { personName: 'Jaan Tamm', source: 'web' };
    const first = await api().post<Ids>('/leads', body, key);
    const before = await head();
    const again = await Promise.all([
      api().post<Ids>('/leads', body, key),
      api().post<Ids>('/leads', body, key),
    ]);
    expect(first.status).toBe(201);
    for (const reply of again) {
      expect(reply.body).toEqual(first.body);
      expect(reply.headers.get('etag')).toBe(first.headers.get('etag'));
    }
    expect(await head()).toBe(before);
    expect(await store.readStream(`lead-${first.body.id}`)).toHaveLength(1);

    const qualifyKey = { 'idempotency-key': `qualify-${randomUUID()}` };
    const q1 = await api().post<Ids>(`/leads/${first.body.id}/qualify`, {}, qualifyKey);
    const q2 = await api().post<Ids>(`/leads/${first.body.id}/qualify`, {}, qualifyKey);
    expect(q2.status).toBe(200);
    expect(q2.body).toEqual(q1.body);
    expect(await store.readStream(`lead-${first.body.id}`)).toHaveLength(2);
  });

  it('refuses an Idempotency-Key reused with another body, path or actor, appending nothing', async () => {
    const key = { 'idempotency-key': `reuse-${randomUUID()}` };
    const colleague = await service.staff('Key Kalle', ['sales']);
    const first = await api().post<Ids>('/leads', { personName: 'Mari Mets', source: 'web' }, key);
    expect(first.status).toBe(201);
    const before = await head();
    const otherBody = await rejected(422, () =>
      api().post('/leads', { personName: 'Someone Else', source: 'web' }, key),
    );
    expect(otherBody.type).toBe('urn:kroonika:problem:idempotency-key-reused');
    expect(otherBody.detail).toContain(key['idempotency-key']);
    const otherPath = await rejected(422, () =>
      api().post(`/leads/${first.body.id}/qualify`, {}, key),
    );
    expect(otherPath.detail).toContain('POST /leads');
    const otherActor = await rejected(422, () =>
      commands(service, colleague).post('/leads', { personName: 'Mari Mets', source: 'web' }, key),
    );
    expect(otherActor.detail).toContain('someone else');
    expect(await head()).toBe(before);
    // the same request again is still its retry
    const retry = await api().post<Ids>('/leads', { personName: 'Mari Mets', source: 'web' }, key);
    expect(retry.body).toEqual(first.body);
    // a request that failed recorded nothing: its key may carry a corrected body
    const fixKey = { 'idempotency-key': `fix-${randomUUID()}` };
    await rejected(400, () => api().post('/leads', { personName: '', source: 'web' }, fixKey));
    expect(
      (await api().post<Ids>('/leads', { personName: 'Fixed', source: 'web' }, fixKey)).status,
    ).toBe(201);
  });

  it('completes an interrupted conversion on retry without creating anything twice', async () => {
    const { pipeline } = await setup();
    const lead = await api().post<Ids>('/leads', { personName: 'Kati Karu', source: 'referral' });
    const key = { 'idempotency-key': `convert-${randomUUID()}` };
    const body = { pipelineId: pipeline.id, value: { amount: 5000, currency: 'EUR' } };
    const first = await api().post<Ids>(`/leads/${lead.body.id}/convert`, body, key);
    const second = await api().post<Ids>(`/leads/${lead.body.id}/convert`, body, key);
    expect(second.body).toEqual(first.body);
    expect(await store.readStream(`customer-${first.body.customerId!}`)).toHaveLength(1);
    expect(await store.readStream(`deal-${first.body.dealId!}`)).toHaveLength(1);
    const again = await rejected(409, () => api().post(`/leads/${lead.body.id}/convert`, body));
    expect(again.type).toBe('urn:kroonika:problem:lead-closed');
  });

  it('refuses a conversion into a customer or deal id already taken, or a stage of another pipeline, appending nothing', async () => {
    const { pipeline, customerId, dealId } = await setup();
    const other = (await setup()).pipeline;
    const lead = await api().post<Ids>('/leads', { personName: 'Tiit Tamm', source: 'fair' });
    const value = { amount: 5000, currency: 'EUR' };
    const convert = (body: object) => () =>
      api().post(`/leads/${lead.body.id}/convert`, { pipelineId: pipeline.id, value, ...body });
    expect((await rejected(409, convert({ customerId }))).type).toBe(
      'urn:kroonika:problem:customer-exists',
    );
    expect((await rejected(409, convert({ dealId }))).type).toBe(
      'urn:kroonika:problem:deal-exists',
    );
    expect((await rejected(409, convert({ stageId: other.stageIds![0] }))).type).toBe(
      'urn:kroonika:problem:stage-not-in-pipeline',
    );
    // The lead is as it was: it still converts.
    const converted = await api().post<Ids>(`/leads/${lead.body.id}/convert`, {
      pipelineId: pipeline.id,
      value,
    });
    expect(converted.status).toBe(200);
  });

  it("makes a company lead's person a contact of the new customer, once", async () => {
    const { pipeline } = await setup();
    const lead = await api().post<Ids>('/leads', {
      personName: 'Mari Maasikas',
      companyName: 'Maasikas OÜ',
      email: 'mari@maasikas.ee',
      phone: '+372 5551 2345',
      source: 'fair',
    });
    const key = { 'idempotency-key': `convert-${randomUUID()}` };
    const body = { pipelineId: pipeline.id, value: { amount: 5000, currency: 'EUR' } };
    const first = await api().post<Ids>(`/leads/${lead.body.id}/convert`, body, key);
    expect(first.status).toBe(200);
    const again = await api().post<Ids>(`/leads/${lead.body.id}/convert`, body, key);
    expect(again.body).toEqual(first.body);
    // Read with the keys that seal personal data.
    const unsealed = openEventStore({
      eventStoreUrl: service.eventStoreUrl,
      keyStoreUrl: service.keyStoreUrl,
    });
    const stream = await unsealed.readStream(`customer-${first.body.customerId!}`);
    await unsealed.close();
    expect(stream.map((e) => e.type)).toEqual(['CustomerRegistered', 'ContactPersonAdded']);
    expect(stream[0]!.data).toMatchObject({ kind: 'company', name: 'Maasikas OÜ' });
    expect(stream[1]!.data).toMatchObject({
      name: 'Mari Maasikas',
      email: 'mari@maasikas.ee',
      phone: '+372 5551 2345',
    });
  });

  it('answers a stale If-Match with 412 and appends nothing', async () => {
    const { dealId, pipeline } = await setup();
    const moved = await api().post<Ids>(
      `/deals/${dealId}/stage`,
      { stageId: pipeline.stageIds![1] },
      { 'if-match': '"0"' },
    );
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toBe('"1"');
    const stale = await rejected(412, () =>
      api().post(
        `/deals/${dealId}/stage`,
        { stageId: pipeline.stageIds![0] },
        { 'if-match': '"0"' },
      ),
    );
    expect(stale.status).toBe(412);
  });

  it('holds an If-Match to the stream the answer names, when a command writes more than one', async () => {
    const { customerId, dealId, pipeline } = await setup();
    // An activity on the deal: its next action follows the activity (a second stream).
    const call = await api().post<Ids>('/activities', {
      customerId,
      dealId,
      kind: 'call',
      title: 'Call',
      dueOn: '2030-02-01',
    });
    expect(call.status).toBe(201);
    await rejected(412, () =>
      api().post(
        `/activities/${call.body.id}/reschedule`,
        { dueOn: '2030-02-03' },
        {
          'if-match': '"1"',
        },
      ),
    );
    const moved = await api().post<Ids>(
      `/activities/${call.body.id}/reschedule`,
      { dueOn: '2030-02-03' },
      { 'if-match': `"${call.body.revision}"` },
    );
    expect([moved.status, moved.headers.get('etag')]).toEqual([200, '"1"']);

    // Issuing a draft takes a number from the year's series (another stream) first.
    const draft = await api().post<Ids>('/invoices/drafts', {
      kind: 'standard',
      customerId,
      currency: 'EUR',
      lines: [{ description: 'Support', quantity: 1, unitPrice: 10_000, vatRate: 24 }],
    });
    const dates = { issuedOn: '2026-03-02', dueOn: '2026-03-16' };
    await rejected(412, () =>
      api().post(`/invoices/${draft.body.id}/issue`, dates, { 'if-match': '"3"' }),
    );
    const issued = await api().post<Ids>(`/invoices/${draft.body.id}/issue`, dates, {
      'if-match': `"${draft.body.revision}"`,
    });
    expect([issued.status, issued.headers.get('etag')]).toEqual([200, '"1"']);
    // Voiding takes a credit note number first.
    await rejected(412, () =>
      api().post(
        `/invoices/${draft.body.id}/void`,
        { reason: 'wrong customer' },
        {
          'if-match': '"0"',
        },
      ),
    );
    const voided = await api().post<Ids>(
      `/invoices/${draft.body.id}/void`,
      { reason: 'wrong customer' },
      { 'if-match': '"1"' },
    );
    expect(voided.status).toBe(200);

    // Converting a lead writes the lead, a customer and a deal.
    const lead = await api().post<Ids>('/leads', { personName: 'Mari Mets', source: 'fair' });
    const convert = {
      pipelineId: pipeline.id,
      value: { amount: 10000, currency: 'EUR' },
    };
    await rejected(412, () =>
      api().post(`/leads/${lead.body.id}/convert`, convert, { 'if-match': '"5"' }),
    );
    const converted = await api().post<Ids>(`/leads/${lead.body.id}/convert`, convert, {
      'if-match': `"${lead.body.revision}"`,
    });
    expect(converted.status).toBe(200);
  });

  it('answers an invalid body with 400 listing the fields, and appends nothing', async () => {
    const problem = await rejected(400, () =>
      api().post('/invoices', {
        kind: 'gift',
        customerId: 'nope',
        currency: 'euro',
        issuedOn: '2026-02-30',
        lines: [{ quantity: -1 }],
        extra: true,
      }),
    );
    const fields = problem.errors!.map((e) => e.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining([
        'customerId',
        'currency',
        'dueOn',
        'extra',
        'issuedOn',
        'kind',
        'lines.0.description',
        'lines.0.quantity',
        'lines.0.unitPrice',
        'lines.0.vatRate',
      ]),
    );
    await rejected(400, () => api().post('/leads', '{"personName": ', {}));
    await rejected(400, () => api().post('/leads', { personName: { $gt: '' }, source: 'web' }));
    await rejected(400, () => api().post('/deals/not-a-uuid/win'));
    await rejected(400, () => api().post('/leads', '[]'));
    await rejected(400, () => api().post('/leads', 'null'));
    await rejected(400, () => api().post('/leads', `${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    await rejected(400, () =>
      api().post(
        '/leads',
        `{"personName":${'['.repeat(5_000)}${']'.repeat(5_000)},"source":"web"}`,
      ),
    );
  });

  it('refuses a body that is not UTF-8 and malformed JSON, each as its own problem', async () => {
    // given bytes that are not UTF-8 (Latin-1 "Mäe")
    const notUtf8 = await rejected(400, async () => {
      const res = await fetch(`${service.url['command-api']}/leads`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${service.admin.token}`,
          'content-type': 'application/json',
        },
        body: Buffer.from('{"personName":"M\xe4e","source":"web"}', 'latin1'),
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    });
    expect(notUtf8.type).toBe('urn:kroonika:problem:invalid-body');
    // and malformed JSON is named so, not a bare HTTP error
    const malformed = await rejected(400, () => api().post('/leads', '{"personName": ', {}));
    expect([malformed.type, malformed.title]).toEqual([
      'urn:kroonika:problem:invalid-json',
      'Malformed JSON body',
    ]);
    // while UTF-8 of every plane is taken as it is
    const kept = await api().post<Ids>('/leads', {
      personName: 'Õie Šmidt 東京 \u{1F600}',
      source: 'web',
    });
    expect(kept.status).toBe(201);
  });

  it('answers an unknown deal with 404 and appends nothing', async () => {
    const problem = await rejected(404, () => api().post(`/deals/${randomUUID()}/win`));
    expect(problem.type).toBe('urn:kroonika:problem:deal-not-found');
  });

  it('answers moving a won deal with 409 and appends nothing', async () => {
    const { dealId, pipeline } = await setup();
    expect((await api().post(`/deals/${dealId}/win`)).status).toBe(200);
    const problem = await rejected(409, () =>
      api().post(`/deals/${dealId}/stage`, { stageId: pipeline.stageIds![1] }),
    );
    expect(problem.type).toBe('urn:kroonika:problem:deal-closed');
    await rejected(409, () => api().post(`/deals/${dealId}/lose`, { reason: 'too late' }));
  });

  it('rejects a missing actor, a body over the limit and a stage of another pipeline', async () => {
    const { dealId } = await setup();
    await rejected(401, async () => {
      const res = await fetch(`${service.url['command-api']}/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    });
    await rejected(413, () =>
      api().post('/leads', { personName: 'x'.repeat(300_000), source: 'web' }),
    );
    const other = await api().post<Ids>('/pipelines', {
      name: 'Other',
      stages: [{ name: 'Only' }],
    });
    await rejected(409, () =>
      api().post(`/deals/${dealId}/stage`, { stageId: other.body.stageIds![0] }),
    );
  });

  it('does not let a new lead be created twice under one id', async () => {
    const leadId = randomUUID();
    expect((await api().post('/leads', { leadId, personName: 'A', source: 'web' })).status).toBe(
      201,
    );
    await rejected(409, () => api().post('/leads', { leadId, personName: 'B', source: 'web' }));
    // Routed to a team, the second lead under the id takes no member's turn either.
    const member = await api().post<Ids>('/staff', {
      name: 'Rein Ring',
      email: `rein-${randomUUID()}@example.com`,
      roles: ['sales'],
    });
    const team = await api().post<Ids>('/teams', { name: 'Fair', memberIds: [member.body.id] });
    const source = `fair ${randomUUID()}`;
    await api().post('/lead-routing/rules', {
      name: 'Fairs',
      sources: [source],
      assignTo: { teamId: team.body.id },
    });
    const routed = randomUUID();
    expect((await api().post('/leads', { leadId: routed, personName: 'C', source })).status).toBe(
      201,
    );
    await rejected(409, () => api().post('/leads', { leadId: routed, personName: 'D', source }));
  });
});
