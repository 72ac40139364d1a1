import { SqliteEventStore } from '#event-store';
import { commands, type Ids, queries, type Service, startService } from './support/service';

type Problem = { type: string; status: number; detail?: string; errors?: { field: string }[] };
type Timeline = { items: { type: string; summary: string; actorName: string | null }[] };

describe('the customer over HTTP: profile, contacts, category, tags, consent, registry, archive', () => {
  let service: Service;
  let store: SqliteEventStore;
  const head = () => store.headPosition();

  beforeAll(async () => {
    service = await startService();
    store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
  }, 60000);
  afterAll(async () => {
    await store.close();
    await service.stop();
  });

  it('records every change, shows it in the 360 view and on the timeline', async () => {
    const anna = await service.staff('Anna Tamm', ['sales']);
    const c = commands(service, anna);
    const q = queries(service);
    const customer = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Maasikas OÜ',
      email: 'info@maasikas.ee',
      source: 'referral',
    });
    const id = customer.body.id;
    const profile = await c.post<Ids>(`/customers/${id}/profile`, {
      emails: ['info@maasikas.ee', 'arved@maasikas.ee'],
      phones: ['+372 5555 5555'],
      addresses: [{ label: 'billing', street: 'Pikk 1', city: 'Tallinn', country: 'EE' }],
      website: 'https://maasikas.ee',
      demographic: { homeCity: 'Tallinn' },
      psychographic: {
        interests: ['organic farming', 'sailing'],
        decisionStyle: 'analytical',
        communicationPreferences: ['email', 'meeting'],
        notes: 'Prefers morning calls',
      },
    });
    expect(profile.status).toBe(200);
    const same = await c.post<Ids>(`/customers/${id}/profile`, { website: 'https://maasikas.ee' });
    expect(same.body.revision).toBe(profile.body.revision);

    const contact = await c.post<Ids>(`/customers/${id}/contacts`, {
      name: 'Mari Maasikas',
      role: 'CEO',
      email: 'mari@maasikas.ee',
    });
    expect(contact.status).toBe(201);
    const contactId = contact.body.contactId!;
    const other = await c.post<Ids>(`/customers/${id}/contacts`, { name: 'Jüri Juurikas' });
    expect(
      (
        await c.post(`/customers/${id}/contacts/${contactId}`, {
          phone: '+372 5000 0000',
          role: null,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await c.post(`/customers/${id}/contacts/${other.body.contactId!}/remove`, {
          reason: 'left',
        })
      ).status,
    ).toBe(200);
    expect(
      (await c.post(`/customers/${id}/category`, { category: 'medium', reason: 'turnover 2 M€' }))
        .status,
    ).toBe(200);
    expect(
      (await c.post(`/customers/${id}/category`, { category: 'top', reason: 'strategic' })).status,
    ).toBe(200);
    expect((await c.post(`/customers/${id}/tags`, { add: ['vip', 'fair 2026'] })).status).toBe(200);
    expect((await c.post(`/customers/${id}/tags`, { remove: ['fair 2026'] })).status).toBe(200);
    expect(
      (await c.post(`/customers/${id}/consents`, { channel: 'email', source: 'web form' })).status,
    ).toBe(200);
    expect(
      (await c.post(`/customers/${id}/consents`, { channel: 'sms', source: 'fair' })).status,
    ).toBe(200);
    expect(
      (await c.post(`/customers/${id}/consents/withdraw`, { channel: 'sms', source: 'phone call' }))
        .status,
    ).toBe(200);
    const registry = await c.post<Ids>(`/customers/${id}/registry-data`, {
      registry: 'EE e-Business Register',
      registryCode: '12345678',
      legalName: 'Maasikas OÜ',
      legalForm: 'OÜ',
      status: 'registered',
      vatNumber: 'EE101234567',
      address: { street: 'Pikk 1', city: 'Tallinn', postalCode: '10123', country: 'EE' },
      activityCodes: [{ code: '01241', name: 'Growing of berries' }],
      retrievedAt: '2026-11-20T08:00:00Z',
    });
    expect(registry.status).toBe(200);

    const view = await q.get(`/customers/${id}`, registry.body.position);
    expect(view.body).toMatchObject({
      name: 'Maasikas OÜ',
      source: 'referral',
      status: 'active',
      emails: ['info@maasikas.ee', 'arved@maasikas.ee'],
      website: 'https://maasikas.ee',
      demographic: { homeCity: 'Tallinn' },
      psychographic: { decisionStyle: 'analytical', interests: ['organic farming', 'sailing'] },
      contacts: [
        { contactId, name: 'Mari Maasikas', email: 'mari@maasikas.ee', phone: '+372 5000 0000' },
      ],
      category: 'top',
      categoryReason: 'strategic',
      tags: ['vip'],
      consents: { email: { source: 'web form' } },
      registry: { registryCode: '12345678', vatNumber: 'EE101234567', legalForm: 'OÜ' },
    });
    expect((view.body['contacts'] as Record<string, unknown>[])[0]).not.toHaveProperty('role');
    expect(view.body['consents']).not.toHaveProperty('sms');

    const timeline = await q.get<Timeline>(`/customers/${id}/timeline?group=profile&limit=50`);
    const summaries = timeline.body.items.map((e) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Profile updated: emails, phones, addresses, website, homeCity, interests, decisionStyle, communicationPreferences, notes',
        'Contact person added: Mari Maasikas, CEO',
        'Contact person updated: role removed, phone +372 5000 0000',
        'Contact person removed',
        'Category set to medium: turnover 2 M€',
        'Category changed from medium to top: strategic',
        'Tagged vip, fair 2026',
        'Untagged fair 2026',
        'Marketing consent for email given (web form)',
        'Marketing consent for sms withdrawn (phone call)',
        'Registry data imported from EE e-Business Register: Maasikas OÜ (12345678)',
      ]),
    );
    expect(new Set(timeline.body.items.map((e) => e.actorName))).toEqual(new Set(['Anna Tamm']));
  });

  it('names the actor of each timeline entry as they were called then', async () => {
    const liis = await service.staff('Liis Vana', ['sales']);
    const c = commands(service, liis);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Nimi OÜ' });
    await c.post(`/customers/${customer.body.id}/tags`, { add: ['before'] });
    const renamed = await commands(service).post<Ids>(`/staff/${liis.id}/rename`, {
      name: 'Liis Uus',
    });
    expect(renamed.status).toBe(200);
    const again = await commands(service).post<Ids>(`/staff/${liis.id}/rename`, {
      name: 'Liis Uus',
    });
    expect(again.body.revision).toBe(renamed.body.revision);
    const last = await c.post<Ids>(`/customers/${customer.body.id}/tags`, { add: ['after'] });
    const timeline = await queries(service).get<Timeline>(
      `/customers/${customer.body.id}/timeline?type=CustomerTagged`,
      last.body.position,
    );
    expect(timeline.body.items.map((e) => [e.summary, e.actorName])).toEqual([
      ['Tagged after', 'Liis Uus'],
      ['Tagged before', 'Liis Vana'],
    ]);
    const directory = await queries(service).get<{ items: { staffId: string; name: string }[] }>(
      `/staff?limit=200`,
      renamed.body.position,
    );
    expect(directory.body.items.find((m) => m.staffId === liis.id)?.name).toBe('Liis Uus');
    expect((await commands(service).post(`/staff/${liis.id}/rename`, { name: '' })).status).toBe(
      400,
    );
  });

  it('finds leads by the words of their names, with the other filters', async () => {
    const c = commands(service);
    const lead = (personName: string, companyName?: string) =>
      c.post<Ids>('/leads', {
        personName,
        ...(companyName ? { companyName } : {}),
        source: 'fair',
      });
    const mari = await lead('Mari Õunapuu', 'Õunaaed OÜ');
    await lead('Jaan Tamm');
    const last = await lead('Mari Kask', 'Kasemets AS');
    const names = async (query: string) =>
      (
        await queries(service).get<{ items: { leadId: string; personName: string }[] }>(
          `/leads?${query}`,
          last.body.position,
        )
      ).body.items.map((l) => l.personName);
    expect(await names('name=mari')).toEqual(['Mari Kask', 'Mari Õunapuu']);
    // Case and diacritics ignored, every word a prefix, company names count too.
    expect(await names(`name=${encodeURIComponent('MARI ounaa')}`)).toEqual(['Mari Õunapuu']);
    expect(await names('name=kasem')).toEqual(['Mari Kask']);
    expect(await names('name=mari&status=qualified')).toEqual([]);
    const after = await c.post<Ids>(`/leads/${mari.body.id}/qualify`, {});
    expect(after.status).toBe(200);
    expect(
      (
        await queries(service).get<{ items: { personName: string }[] }>(
          '/leads?name=mari&status=qualified',
          after.body.position,
        )
      ).body.items.map((l) => l.personName),
    ).toEqual(['Mari Õunapuu']);
    expect(await names('name=nobody')).toEqual([]);
    expect((await queries(service).get(`/leads?name=${'x'.repeat(101)}`)).status).toBe(400);
  });

  it('refuses every command on an archived customer until it is restored', async () => {
    const c = commands(service);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Suletud AS' });
    const id = customer.body.id;
    const pipeline = await c.post<Ids>('/pipelines', { name: 'P', stages: [{ name: 'A' }] });
    expect((await c.post(`/customers/${id}/archive`, { reason: 'closed down' })).status).toBe(200);
    const before = await head();
    for (const [path, body] of [
      [`/customers/${id}/profile`, { website: 'https://suletud.ee' }],
      [`/customers/${id}/contacts`, { name: 'X' }],
      [`/customers/${id}/category`, { category: 'small', reason: 'r' }],
      [`/customers/${id}/tags`, { add: ['x'] }],
      [`/customers/${id}/archive`, {}],
      [`/customers/${id}/owner`, { ownerId: service.admin.id }],
      [
        '/deals',
        {
          customerId: id,
          pipelineId: pipeline.body.id,
          title: 'D',
          value: { amount: 1, currency: 'EUR' },
        },
      ],
      ['/activities', { customerId: id, kind: 'call', title: 'Call', dueOn: '2026-12-01' }],
      ['/tickets', { customerId: id, channel: 'email', subject: 'Q', priority: 'low' }],
    ] as const) {
      const reply = await c.post<Problem>(path, body);
      expect([path, reply.status, reply.body.type]).toEqual([
        path,
        409,
        'urn:kroonika:problem:customer-archived',
      ]);
    }
    expect(await head()).toBe(before);
    expect((await c.post(`/customers/${id}/restore`, { reason: 'reopened' })).status).toBe(200);
    expect((await c.post(`/customers/${id}/tags`, { add: ['back'] })).status).toBe(200);
    expect((await c.post<Problem>(`/customers/${id}/restore`)).status).toBe(409);
  });

  it('refuses a second customer with a registry code already registered, unless it is meant', async () => {
    const c = commands(service);
    const first = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Kahekordne OÜ',
      registryCode: '16000001',
    });
    expect(first.status).toBe(201);
    // The same registration again with its Idempotency-Key is answered as the first time.
    const key = { 'idempotency-key': `register-${first.body.id}` };
    const keyed = await c.post<Ids>(
      '/customers',
      { kind: 'company', name: 'Võtmega OÜ', registryCode: '16000002' },
      key,
    );
    expect(
      (
        await c.post<Ids>(
          '/customers',
          { kind: 'company', name: 'Võtmega OÜ', registryCode: '16000002' },
          key,
        )
      ).body.id,
    ).toBe(keyed.body.id);

    // The check asks the search index as it stands: once it has the first, the second is refused.
    await queries(service).get('/search?q=16000001', first.body.position);
    const before = await head();
    const again = await c.post<Problem & { existingCustomerId: string }>('/customers', {
      kind: 'company',
      name: 'Kahekordne',
      registryCode: '16000001',
    });
    expect([again.status, again.body.type, again.body.existingCustomerId]).toEqual([
      409,
      'urn:kroonika:problem:registry-code-taken',
      first.body.id,
    ]);
    expect(await head()).toBe(before);
    // Archived, it still holds its code: restoring it is the way back.
    await c.post(`/customers/${first.body.id}/archive`, { reason: 'closed' });
    const archived = await c.post<Problem>('/customers', {
      kind: 'company',
      name: 'Kahekordne',
      registryCode: '16000001',
    });
    expect([archived.status, archived.body.detail]).toEqual([
      409,
      expect.stringContaining('restore'),
    ]);
    // Registry facts with that code, for a company without it, are refused the same way.
    const other = await c.post<Ids>('/customers', { kind: 'company', name: 'Kolmas OÜ' });
    const facts = { registry: 'EE e-Business Register', registryCode: '16000001', legalName: 'K' };
    const imported = await c.post<Problem>(`/customers/${other.body.id}/registry-data`, facts);
    expect([imported.status, imported.body.type]).toEqual([
      409,
      'urn:kroonika:problem:registry-code-taken',
    ]);
    expect(
      (
        await c.post(`/customers/${other.body.id}/registry-data`, {
          ...facts,
          allowDuplicate: true,
        })
      ).status,
    ).toBe(200);
    // A branch kept apart is registered when that is meant.
    const branch = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Kahekordne OÜ Tartu filiaal',
      registryCode: '16000001',
      allowDuplicate: true,
    });
    expect(branch.status).toBe(201);
  });

  it('answers invalid input with 400 and a field list, appending nothing', async () => {
    const c = commands(service);
    const customer = await c.post<Ids>('/customers', { kind: 'person', name: 'Jaan Tamm' });
    const id = customer.body.id;
    const before = await head();
    for (const [path, body, field] of [
      [`/customers/${id}/profile`, { emails: ['not an e-mail'] }, 'emails'],
      [`/customers/${id}/profile`, { name: null }, 'name'],
      [`/customers/${id}/profile`, { demographic: { children: -1 } }, 'demographic.children'],
      [
        `/customers/${id}/profile`,
        { demographic: { familyStatus: 'complicated' } },
        'demographic.familyStatus',
      ],
      [`/customers/${id}/profile`, { website: 'javascript:alert(1)' }, 'website'],
      [`/customers/${id}/profile`, { favouriteColour: 'red' }, 'favouriteColour'],
      [`/customers/${id}/category`, { category: 'huge', reason: 'r' }, 'category'],
      [`/customers/${id}/tags`, { add: ['a.b'] }, 'add'],
      [`/customers/${id}/consents`, { channel: 'pigeon', source: 's' }, 'channel'],
      [
        `/customers/${id}/registry-data`,
        { registry: 'R', registryCode: '1', legalName: 'X', vatNumber: '123' },
        'vatNumber',
      ],
    ] as const) {
      const reply = await c.post<Problem>(path, body);
      expect([path, reply.status]).toEqual([path, 400]);
      expect(reply.body.errors?.map((e) => e.field)).toContain(field);
    }
    // Nothing to add or remove: nothing changes, nothing is appended.
    const untouched = await c.post<Ids>(`/customers/${id}/tags`, {});
    expect(untouched.status).toBe(200);
    expect((await c.post<Ids>(`/customers/${id}/tags`, {})).body.revision).toBe(
      untouched.body.revision,
    );
    expect(
      (
        await c.post<Problem>(`/customers/${id}/registry-data`, {
          registry: 'R',
          registryCode: '1',
          legalName: 'X',
        })
      ).body.type,
    ).toBe('urn:kroonika:problem:not-a-company');
    expect(await head()).toBe(before);
  });
});
