import {
  type RecordedRegistry,
  registryEnv,
  startRecordedRegistry,
} from '../libs/platform/src/registry/recorded-registry';
import { commands, type Ids, queries, type Service, startService } from './support/service';

jest.setTimeout(60_000);

type Fetched = Ids & { changed: boolean; facts: Record<string, unknown> };

describe('business registry: companies filled in from the e-Business Register', () => {
  let registry: RecordedRegistry;
  let service: Service;
  beforeAll(async () => {
    registry = await startRecordedRegistry();
    // The workflow runner too, for the rule that fills new companies in (defined last).
    service = await startService({
      apps: ['command-api', 'projector', 'query-api', 'workers'],
      env: { WORKFLOW_POLL_MS: '50', ...registryEnv(registry) },
    });
  }, 60_000);
  afterAll(async () => {
    await service.stop();
    await registry.stop();
  });

  it('fetches by code or by name, refreshes, and shows it on the timeline', async () => {
    const c = commands(service);
    const q = queries(service);
    const company = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Pohjala tehnika',
      registryCode: '14012345',
    });
    const id = company.body.id;

    // Picking the company: a search records nothing.
    const found = await fetch(
      `${service.url['command-api']}/registry/companies?name=${encodeURIComponent('Põhjala')}`,
      { headers: { authorization: `Bearer ${service.admin.token}` } },
    );
    expect(found.status).toBe(200);
    const listed = (await found.json()) as { registry: string; items: { registryCode: string }[] };
    expect(listed.registry).toBe('EE e-Business Register');
    expect(listed.items.map((i) => i.registryCode)).toEqual(['14012345', '12233445']);

    // Fetching by the registered code fills the company in.
    const fetched = await c.post<Fetched>(`/customers/${id}/registry-data/fetch`, {
      registryCode: '14012345',
    });
    expect(fetched.status).toBe(200);
    expect(fetched.body.changed).toBe(true);
    expect(fetched.body.facts).toMatchObject({
      registry: 'EE e-Business Register',
      legalName: 'Põhjala Tehnika OÜ',
      vatNumber: 'EE102987654',
      address: { street: 'Narva mnt 5', postalCode: '10117', country: 'EE' },
    });
    const view = await q.get<{ registry: Record<string, unknown> }>(
      `/customers/${id}`,
      fetched.body.position,
    );
    expect(view.body.registry).toMatchObject({
      legalName: 'Põhjala Tehnika OÜ',
      legalForm: 'Private limited company',
      status: 'Entered into the register',
    });

    // A refresh with nothing new records nothing; after the company moved, it records the move.
    const same = await c.post<Fetched>(`/customers/${id}/registry-data/refresh`);
    expect(same.status).toBe(200);
    expect(same.body.changed).toBe(false);
    expect(same.body.revision).toBe(fetched.body.revision);
    registry.move();
    const moved = await c.post<Fetched>(`/customers/${id}/registry-data/refresh`);
    expect(moved.body.changed).toBe(true);
    expect(moved.body.facts['address']).toMatchObject({ street: 'Tartu mnt 84a' });
    const timeline = await q.get<{ items: { summary: string }[] }>(
      `/customers/${id}/timeline?limit=50`,
      moved.body.position,
    );
    // Two imports: the first and the move; the unchanged refresh left no trace.
    expect(
      timeline.body.items.filter(
        (e) =>
          e.summary ===
          'Registry data imported from EE e-Business Register: Põhjala Tehnika OÜ (14012345)',
      ),
    ).toHaveLength(2);

    // By name: one match is imported; several are listed to choose from.
    const other = await c.post<Ids>('/customers', { kind: 'company', name: 'Kaugus' });
    const byName = await c.post<Fetched>(`/customers/${other.body.id}/registry-data/fetch`, {
      name: 'Kaugus',
    });
    expect(byName.status).toBe(200);
    expect(byName.body.facts).toMatchObject({ registryCode: '16001122', status: 'In liquidation' });
    const third = await c.post<Ids>('/customers', { kind: 'company', name: 'Põhjala' });
    const ambiguous = await c.post<{ candidates: { registryCode: string }[] }>(
      `/customers/${third.body.id}/registry-data/fetch`,
      { name: 'Põhjala' },
    );
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.headers.get('content-type')).toContain('application/problem+json');
    expect(ambiguous.body.candidates.map((x) => x.registryCode)).toEqual(['14012345', '12233445']);
    // The third customer has no code yet: nothing to refresh by.
    expect((await c.post(`/customers/${third.body.id}/registry-data/refresh`)).status).toBe(409);
  });

  it('answers clearly when the registry has nothing, refuses, or is down, and appends nothing', async () => {
    const c = commands(service);
    const company = await c.post<Ids>('/customers', { kind: 'company', name: 'Tühi OÜ' });
    const person = await c.post<Ids>('/customers', { kind: 'person', name: 'Mari Maasikas' });
    const fetchFor = (id: string, body: unknown) =>
      c.post<{ type: string }>(`/customers/${id}/registry-data/fetch`, body);
    const unknown = await fetchFor(company.body.id, { registryCode: '99999999' });
    expect([unknown.status, unknown.body.type]).toEqual([
      404,
      'urn:kroonika:problem:registry-company-not-found',
    ]);
    expect((await fetchFor(company.body.id, { registryCode: '123' })).status).toBe(400);
    // Neither a code nor a name: the code the customer has, and this one has none.
    const neither = await fetchFor(company.body.id, {});
    expect([neither.status, neither.body.type]).toEqual([
      409,
      'urn:kroonika:problem:no-registry-code',
    ]);
    expect((await fetchFor(person.body.id, { registryCode: '14012345' })).status).toBe(409);
    registry.down(true);
    const down = await fetchFor(company.body.id, { registryCode: '14012345' });
    registry.down(false);
    expect([down.status, down.body.type, down.headers.get('retry-after')]).toEqual([
      503,
      'urn:kroonika:problem:registry-unavailable',
      '30',
    ]);
    const sales = await service.staff('Registri Müüja', ['sales']);
    const analyst = await service.staff('Registri Analüütik', ['analyst']);
    expect(
      (
        await commands(service, analyst).post(`/customers/${company.body.id}/registry-data/fetch`, {
          registryCode: '14012345',
        })
      ).status,
    ).toBe(403);
    // A code another customer has is that customer's, unless a branch is meant.
    const holder = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Kaugus AS',
      registryCode: '16001122',
      // The first test's Kaugus took that code from the registry.
      allowDuplicate: true,
    });
    await queries(service).get('/search?q=16001122', holder.body.position);
    const taken = await fetchFor(company.body.id, { name: 'Kaugus' });
    expect([taken.status, taken.body.type]).toEqual([
      409,
      'urn:kroonika:problem:registry-code-taken',
    ]);
    const ok = await commands(service, sales).post<Fetched>(
      `/customers/${company.body.id}/registry-data/fetch`,
      { registryCode: '14012345', allowDuplicate: true },
    );
    expect(ok.status).toBe(200);
    // Nothing was appended by the refused attempts: the first import is revision 1.
    expect(ok.body.revision).toBe(1);
  });

  it('imports the registry data of a company registered with a code, caused by its registration', async () => {
    const c = commands(service);
    const q = queries(service);
    const rule = await c.post<Ids>('/workflow-rules', {
      name: 'Fill companies from the registry',
      rule: { kind: 'fill-companies-from-registry' },
    });
    expect(rule.status).toBe(201);
    const company = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'põhjala tehnika',
      registryCode: '14012345',
      allowDuplicate: true,
    });
    const unknown = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Tundmatu',
      registryCode: '99999999',
    });
    type Entry = { type: string; eventId: string; actorId: string; causationId: string };
    const deadline = Date.now() + 20_000;
    let items: Entry[] = [];
    for (;;) {
      const page = await q.get<{ items?: Entry[] }>(
        `/audit/customers/${company.body.id}/events`,
        company.body.position,
      );
      items = page.body.items ?? [];
      if (items.some((e) => e.type === 'RegistryDataImported') || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const registered = items.find((e) => e.type === 'CustomerRegistered')!;
    const imported = items.find((e) => e.type === 'RegistryDataImported')!;
    expect(imported).toMatchObject({
      actorId: `workflow:${rule.body.id}`,
      causationId: registered.eventId,
    });
    const view = await q.get<{ registry: { legalName: string } }>(`/customers/${company.body.id}`);
    expect(view.body.registry.legalName).toBe('Põhjala Tehnika OÜ');
    // The registry does not know the other code: declined once, on the rule, and nothing more.
    let declined = { declined: 0, lastDeclined: null as { problem: string } | null };
    while (declined.declined === 0 && Date.now() < deadline) {
      declined = (await q.get<typeof declined>(`/workflow-rules/${rule.body.id}`)).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(declined).toMatchObject({
      declined: 1,
      lastDeclined: { problem: 'registry-company-not-found' },
    });
    const other = await q.get<{ items: Entry[] }>(
      `/audit/customers/${unknown.body.id}/events`,
      unknown.body.position,
    );
    expect(other.body.items.map((e) => e.type)).not.toContain('RegistryDataImported');

    // A company archived before the runner reached its registration is left alone: declined.
    await service.kill('workers', 'SIGTERM');
    const archived = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Arhiivis OÜ',
      registryCode: '14012345',
      allowDuplicate: true,
    });
    expect(
      (await c.post(`/customers/${archived.body.id}/archive`, { reason: 'Closed down' })).status,
    ).toBe(200);
    await service.start('workers');
    const until = Date.now() + 20_000;
    while (declined.declined < 2 && Date.now() < until) {
      declined = (await q.get<typeof declined>(`/workflow-rules/${rule.body.id}`)).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(declined).toMatchObject({
      declined: 2,
      lastDeclined: { problem: 'customer-archived' },
    });
    const kept = await q.get<{ items: Entry[] }>(
      `/audit/customers/${archived.body.id}/events`,
      archived.body.position,
    );
    expect(kept.body.items.map((e) => e.type)).not.toContain('RegistryDataImported');
  });
});

describe('business registry: not configured', () => {
  it('answers 409 registry-not-configured: a setting, not an outage to wait out', async () => {
    const service = await startService({ apps: ['command-api'] });
    try {
      const c = commands(service);
      const company = await c.post<Ids>('/customers', { kind: 'company', name: 'Seadistamata OÜ' });
      const res = await c.post<{ type: string }>(
        `/customers/${company.body.id}/registry-data/fetch`,
        { registryCode: '14012345' },
      );
      expect([res.status, res.body.type]).toEqual([
        409,
        'urn:kroonika:problem:registry-not-configured',
      ]);
    } finally {
      await service.stop();
    }
  });
});

describe('business registry: an account the register refuses', () => {
  it('answers 502 registry-refused, and the workflow rule declines instead of stalling', async () => {
    const registry = await startRecordedRegistry();
    const service = await startService({
      apps: ['command-api', 'projector', 'query-api', 'workers'],
      env: { WORKFLOW_POLL_MS: '50', ...registryEnv(registry), REGISTRY_PASSWORD: 'vale' },
    });
    try {
      const c = commands(service);
      const q = queries(service);
      const fill = await c.post<Ids>('/workflow-rules', {
        name: 'Fill',
        rule: { kind: 'fill-companies-from-registry' },
      });
      const member = await service.staff('Järjekord', ['sales']);
      await c.post('/workflow-rules', {
        name: 'Turns',
        rule: { kind: 'assign-tickets-round-robin', priorities: ['high'], staffIds: [member.id] },
      });
      const company = await c.post<Ids>('/customers', {
        kind: 'company',
        name: 'Keelatud OÜ',
        registryCode: '14012345',
        allowDuplicate: true,
      });
      const res = await c.post<{ type: string; detail: string }>(
        `/customers/${company.body.id}/registry-data/fetch`,
        { registryCode: '14012345' },
      );
      expect([res.status, res.body.type]).toEqual([502, 'urn:kroonika:problem:registry-refused']);
      expect(res.body.detail).toContain('Kasutajanimi või parool on vale');
      // The refusal is recorded on the rule, and the rule after it still reacts.
      const ticket = await c.post<Ids>('/tickets', {
        customerId: company.body.id,
        channel: 'email',
        subject: 'After the refusal',
        priority: 'high',
      });
      const deadline = Date.now() + 20_000;
      let rule = { declined: 0, lastDeclined: null as { problem: string } | null };
      let assigned = false;
      while ((rule.declined === 0 || !assigned) && Date.now() < deadline) {
        rule = (await q.get<typeof rule>(`/workflow-rules/${fill.body.id}`)).body;
        const events = await q.get<{ items?: { type: string; data: { ticketId?: string } }[] }>(
          `/audit/customers/${company.body.id}/events`,
          ticket.body.position,
        );
        assigned = (events.body.items ?? []).some(
          (e) => e.type === 'TicketReassigned' && e.data.ticketId === ticket.body.id,
        );
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(rule).toMatchObject({ declined: 1, lastDeclined: { problem: 'registry-refused' } });
      expect(assigned).toBe(true);
    } finally {
      await service.stop();
      await registry.stop();
    }
  });
});
