import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './support/cli';
import { readStoreTargets } from './support/read-stores';
import { commands, type Ids, queries, type Service, startService, upload } from './support/service';

type Problem = { type: string; status: number };

/** Every personal value the script enters: none may be readable anywhere after the erasure. */
const secrets = [
  'Mari',
  'Maasikas',
  'mari@maasikas.ee',
  '5551234',
  '555 1234',
  'Tamme',
  'Tartu',
  '1980-05-01',
  'sailing',
  'prefers calls',
  'Jaan',
  'jaan@tamm.ee',
  'recently divorced',
  'Discussed her loan',
  'Agreed a meeting',
  'wrong address',
  'Sent the corrected one',
];

const today = () => new Date().toISOString().slice(0, 10);

describe.each(readStoreTargets())('erasure on request (crypto-shredding) on $name', (target) => {
  let service: Service;
  beforeAll(async () => {
    const readStoreUrl = await target.setup();
    // On mongodb the keys live there too, in a database of their own.
    service = await startService(
      readStoreUrl
        ? {
            readStoreUrl,
            keyStoreUrl: readStoreUrl.replace(/\/kroonika$/, '/kroonika_keys'),
            env: { MIN_POSITION_WAIT_MS: '10000' },
          }
        : {},
    );
  }, 60000);
  afterAll(async () => {
    await service.stop();
    await target.teardown();
  });

  it('erases a customer everywhere while totals, stages and the hash chain survive', async () => {
    const anna = await service.staff('Anna Müük', ['sales']);
    const auditor = await service.staff('Aino Audit', ['auditor']);
    const c = commands(service, anna);
    const admin = commands(service);
    const pipeline = await admin.post<Ids>('/pipelines', {
      name: 'Erasure',
      stages: [{ name: 'First' }, { name: 'Second' }],
    });
    const [, second] = pipeline.body.stageIds!;
    const lead = await c.post<Ids>('/leads', {
      personName: 'Mari Maasikas',
      email: 'mari@maasikas.ee',
      phone: '+372 555 1234',
      source: 'fair',
    });
    await c.post(`/leads/${lead.body.id}/qualify`, { note: 'recently divorced' });
    const converted = await c.post<Ids>(`/leads/${lead.body.id}/convert`, {
      pipelineId: pipeline.body.id,
      value: { amount: 250_000, currency: 'EUR' },
    });
    const id = converted.body.customerId!;
    const dealId = converted.body.dealId!;
    await c.post(`/deals/${dealId}/stage`, { stageId: second });
    await c.post(`/customers/${id}/profile`, {
      addresses: [{ label: 'home', street: 'Tamme 5', city: 'Tartu' }],
      demographic: { birthDate: '1980-05-01', homeCity: 'Tartu' },
      psychographic: { interests: ['sailing'], notes: 'prefers calls' },
    });
    await c.post(`/customers/${id}/contacts`, {
      name: 'Jaan Tamm',
      role: 'Partner',
      email: 'jaan@tamm.ee',
    });
    const call = await c.post<Ids>('/activities', {
      customerId: id,
      kind: 'call',
      title: 'Follow-up call',
      dueOn: today(),
    });
    await c.post(`/activities/${call.body.id}/complete`, {
      outcome: 'Agreed a meeting',
      minutesSpent: 20,
    });
    await c.post('/activities/log', {
      customerId: id,
      kind: 'meeting',
      summary: 'Discussed her loan',
      minutesSpent: 40,
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
    });
    const ticket = await c.post<Ids>('/tickets', {
      customerId: id,
      channel: 'email',
      subject: 'Invoice question',
      description: 'Her invoice went to the wrong address',
      priority: 'normal',
    });
    await c.post(`/tickets/${ticket.body.id}/respond`, {
      message: 'Sent the corrected one',
      channel: 'email',
    });
    const invoice = await c.post<Ids>('/invoices', {
      kind: 'standard',
      customerId: id,
      currency: 'EUR',
      issuedOn: today(),
      dueOn: today(),
      lines: [{ description: 'Consulting', quantity: 2, unitPrice: 50_000, vatRate: 0 }],
    });
    expect(invoice.status).toBe(201);
    expect(
      (
        await c.post(`/invoices/${invoice.body.id}/send`, {
          channel: 'email',
          recipient: 'mari@maasikas.ee',
        })
      ).status,
    ).toBe(200);
    const paid = await c.post<Ids>(`/invoices/${invoice.body.id}/payments`, {
      amount: 40_000,
      currency: 'EUR',
      paidOn: today(),
    });
    expect(paid.status).toBe(201);
    const pdf = Buffer.from('%PDF-1.7\nMari Maasikas, passport copy\n%%EOF\n');
    const document = await upload<Ids & { sha256: string }>(
      `${service.url['command-api']}/documents`,
      anna.token,
      { linkKind: 'customer', linkId: id, size: String(pdf.length) },
      { name: 'Mari Maasikas passport.pdf', type: 'application/pdf', bytes: pdf },
    );
    expect(document.status).toBe(201);

    // Personal data never reaches the event store in the clear.
    const db = new Database(service.eventStoreUrl.slice('sqlite:'.length), { readonly: true });
    const stored = JSON.stringify(db.prepare('SELECT data FROM events').all());
    db.close();
    expect(secrets.filter((s) => stored.includes(s))).toEqual([]);

    const q = queries(service);
    const answers = async (position: number) => {
      const paths = [
        `/customers/${id}`,
        `/customers/${id}/timeline?limit=200`,
        '/search?q=mari',
        '/search?q=jaan',
        '/search?q=5551234',
        '/leads?limit=100',
        `/activities?customerId=${id}`,
        `/tickets?customerId=${id}`,
        `/invoices?customerId=${id}`,
        `/staff/${anna.id}/portfolio`,
        `/pipelines/${pipeline.body.id}/board`,
        `/documents?customerId=${id}`,
      ];
      const bodies: Record<string, unknown> = {};
      for (const path of paths) {
        const res = await q.get(path, position);
        expect([path, res.status]).toEqual([path, 200]);
        bodies[path] = res.body;
      }
      const a = queries(service, auditor);
      for (const [name, path] of [
        ['history', `/audit/customers/${id}/events?limit=1000`],
        ['state', `/audit/customers/${id}/state?asOf=${new Date().toISOString()}`],
      ] as const) {
        const res = await a.get(path, position);
        expect([path, res.status]).toEqual([path, 200]);
        bodies[name] = res.body;
      }
      return bodies;
    };
    const leaks = (bodies: Record<string, unknown>) =>
      Object.entries(bodies).flatMap(([path, body]) =>
        secrets.filter((s) => JSON.stringify(body).includes(s)).map((s) => `${path}: ${s}`),
      );
    const before = await answers(document.body.position);
    const content = await q.get(`/documents/${document.body.id}/content`);
    expect(content.status).toBe(200);
    expect(leaks(before).length).toBeGreaterThan(20);
    const view = before[`/customers/${id}`] as {
      invoices: { byCurrency: Record<string, unknown> };
    };

    // Only admins erase; a reason is required; bad input appends nothing.
    expect((await c.post<Problem>(`/customers/${id}/erase`, { reason: 'x' })).status).toBe(403);
    const bad = await admin.post<Problem>(`/customers/${id}/erase`, {});
    expect([bad.status, bad.headers.get('content-type')]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
    expect(
      (
        await admin.post<Problem>('/customers/00000000-0000-4000-8000-000000000000/erase', {
          reason: 'request',
        })
      ).status,
    ).toBe(404);
    const erased = await admin.post<Ids>(`/customers/${id}/erase`, {
      reason: 'Erasure request of 2 March by e-mail',
    });
    expect(erased.status).toBe(200);

    const after = await answers(erased.body.position);
    expect(leaks(after)).toEqual([]);
    const gone = await q.get<Problem>(`/documents/${document.body.id}/content`);
    expect([gone.status, gone.body.type]).toEqual([410, 'urn:kroonika:problem:document-erased']);
    const blobs = join(service.dir, 'data', 'blobs');
    const sha = (before[`/documents?customerId=${id}`] as { items: { sha256: string }[] }).items[0]!
      .sha256;
    expect(existsSync(join(blobs, sha.slice(0, 2), sha))).toBe(false);

    // What is not personal stays: totals, stages, minutes, the erasure itself.
    const customer = after[`/customers/${id}`] as {
      name: string;
      personalDataErasedAt: string;
      invoices: { byCurrency: Record<string, unknown> };
      contacts: { name: string; role: string }[];
    };
    expect(customer.name).toBe('[erased]');
    expect(customer.personalDataErasedAt).toEqual(expect.any(String));
    expect(customer.invoices.byCurrency).toEqual(view.invoices.byCurrency);
    expect(customer.contacts).toEqual([
      expect.objectContaining({ name: '[erased]', role: 'Partner' }),
    ]);
    const board = JSON.stringify(after[`/pipelines/${pipeline.body.id}/board`]);
    expect(board).toContain(dealId);
    const history = after['history'] as {
      items: { type: string; erasedFields: string[]; data: Record<string, unknown> }[];
    };
    const registered = history.items.find((e) => e.type === 'CustomerRegistered')!;
    expect(registered.erasedFields).toEqual(['name', 'email', 'phone']);
    expect(registered.data['name']).toBe('[erased]');
    expect(history.items.find((e) => e.type === 'PaymentRecorded')?.data).toMatchObject({
      amount: 40_000,
    });
    expect(history.items.at(-1)?.type).toBe('CustomerPersonalDataErased');
    const state = after['state'] as {
      customer: { state: { erasedAt: string | null; profile: Record<string, unknown> } };
    };
    expect(typeof state.customer.state.erasedAt).toBe('string');
    expect(state.customer.state.profile).toMatchObject({
      name: '[erased]',
      emails: [],
      addresses: [],
    });
    const timeline = after[`/customers/${id}/timeline?limit=200`] as {
      items: { type: string; personalDataErased?: boolean; summary: string }[];
    };
    expect(timeline.items.filter((e) => e.personalDataErased).length).toBeGreaterThan(5);

    // The chain still verifies: no stored byte changed. The CLI agrees, its export shows the
    // fields as erased, and a rebuild of every read model equals the live ones.
    const verify = await queries(service, auditor).get<{ ok: boolean }>(
      `/audit/streams/customer-${id}/verify`,
    );
    expect(verify.body).toMatchObject({ ok: true });
    expect(cli(service, 'verify').status).toBe(0);
    const exported = cli(service, 'export', '--customer', id);
    expect(exported.status).toBe(0);
    expect(secrets.filter((s) => exported.stdout.includes(s))).toEqual([]);
    expect(exported.stdout).toContain('"erasedFields":["name","email","phone"]');
    const compared = cli(service, 'compare');
    expect(JSON.parse(compared.stdout)).toMatchObject({ equal: true, differences: [] });

    // A lead that never became a customer is erased on its own; a converted one is not.
    const kati = await c.post<Ids>('/leads', {
      personName: 'Kati Kuusk',
      companyName: 'Kuuse Talu',
      email: 'kati@kuusk.ee',
      source: 'web',
    });
    await c.post(`/leads/${kati.body.id}/disqualify`, { reason: 'no budget' });
    const converted2 = await admin.post<Problem>(`/leads/${lead.body.id}/erase`, {
      reason: 'request',
    });
    expect([converted2.status, converted2.body.type]).toEqual([
      409,
      'urn:kroonika:problem:lead-converted',
    ]);
    expect((await c.post(`/leads/${kati.body.id}/erase`, { reason: 'x' })).status).toBe(403);
    const forgotten = await admin.post<Ids>(`/leads/${kati.body.id}/erase`, {
      reason: 'Asked by phone to be forgotten',
    });
    expect(forgotten.status).toBe(200);
    const leads = await q.get<{ items: { leadId: string; status: string; personName: string }[] }>(
      '/leads?limit=100',
      forgotten.body.position,
    );
    expect(
      ['Kati', 'Kuusk', 'Kuuse', 'kati@'].filter((s) => JSON.stringify(leads.body).includes(s)),
    ).toEqual([]);
    expect(leads.body.items.find((l) => l.leadId === kati.body.id)).toMatchObject({
      status: 'disqualified',
      personName: '[erased]',
    });
    expect(
      JSON.stringify((await q.get(`/staff/${anna.id}/portfolio`, forgotten.body.position)).body),
    ).not.toContain('Kati');

    // No state folded before the erasure lingers in the command API: the e-mail it had is gone.
    const mail = await c.post<Problem>('/emails', { customerId: id, subject: 'Hello', text: 'x' });
    expect([mail.status, mail.body.type]).toEqual([409, 'urn:kroonika:problem:no-recipient']);

    // New data after an erasure is kept, and readable, under a new key.
    const renamed = await c.post<Ids>(`/customers/${id}/profile`, { name: 'M. K.' });
    expect(renamed.status).toBe(200);
    const now = await q.get<{ name: string }>(`/customers/${id}`, renamed.body.position);
    expect(now.body.name).toBe('M. K.');
  }, 120000);

  it('leaves no byte of the erased data in any file of the stores, and the history verifies', async () => {
    const c = commands(service);
    const q = queries(service);
    const values = {
      name: 'Zelda Quornbury',
      email: 'zelda.quornbury@example.org',
      phone: '+372 5987 6543',
      subject: 'Quornbury boiler leak',
      title: 'Visit the Quornbury farm',
      deal: 'Quornbury roof repair',
      reason: 'Quornbury wants the premium plan',
    };
    const pipeline = await c.post<Ids>('/pipelines', { name: 'Bytes', stages: [{ name: 'A' }] });
    const customer = await c.post<Ids>('/customers', {
      kind: 'person',
      name: values.name,
      email: values.email,
      phone: values.phone,
    });
    const id = customer.body.id;
    await c.post(`/customers/${id}/category`, { category: 'top', reason: values.reason });
    await c.post('/tickets', {
      customerId: id,
      channel: 'email',
      subject: values.subject,
      priority: 'normal',
    });
    await c.post('/activities', {
      customerId: id,
      kind: 'call',
      title: values.title,
      dueOn: today(),
    });
    const deal = await c.post<Ids>('/deals', {
      customerId: id,
      pipelineId: pipeline.body.id,
      title: values.deal,
      value: { amount: 100, currency: 'EUR' },
    });
    // the read models have it all before the erasure
    const seen = JSON.stringify((await q.get(`/customers/${id}`, deal.body.position)).body);
    expect(seen).toContain(values.name);
    const erased = await c.post<Ids>(`/customers/${id}/erase`, { reason: 'Asked to be forgotten' });
    expect(erased.status).toBe(200);
    expect((await q.get(`/customers/${id}`, erased.body.position)).status).toBe(200);
    const secretBytes = Object.values(values).map((v) => Buffer.from(v, 'utf8'));

    // The stores as the service leaves them: its processes stopped.
    await service.stop();
    if (target.name === 'sqlite') {
      const { readdirSync, readFileSync } = await import('node:fs');
      const files = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
        );
      const found = files(service.dir).flatMap((file) => {
        const bytes = readFileSync(file);
        return secretBytes.filter((s) => bytes.includes(s)).map((s) => `${file}: ${s.toString()}`);
      });
      expect(found).toEqual([]);
    } else {
      const { MongoClient } = await import('mongodb');
      const client = new MongoClient(service.readStoreUrl.replace(/\/kroonika$/, '/'));
      try {
        await client.connect();
        const dump: string[] = [];
        for (const db of ['kroonika', 'kroonika_keys'])
          for (const { name } of await client.db(db).listCollections().toArray())
            dump.push(JSON.stringify(await client.db(db).collection(name).find({}).toArray()));
        const text = dump.join('\n');
        expect(Object.values(values).filter((v) => text.includes(v))).toEqual([]);
      } finally {
        await client.close();
      }
    }
    for (const app of ['command-api', 'projector', 'query-api'] as const) await service.start(app);
    // the hash chain of the customer's stream still verifies: no stored byte was changed
    const verified = cli(service, 'verify', '--stream', `customer-${id}`);
    expect(verified.status).toBe(0);
  }, 120000);
});
