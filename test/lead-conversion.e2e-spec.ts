import { openEventStore } from '#event-store';
import { commands, type Ids, queries, serviceWithLog } from './support/service';

type Problem = { type: string; status: number };
type Timeline = { items: { type: string; summary: string }[] };
type CustomerView = {
  contacts: { name: string; email?: string }[];
  deals: { open: { dealId: string; title: string }[] };
};

describe('a lead converted into a customer the company already has', () => {
  const suite = serviceWithLog();

  it('joins the customer with its history and person, opens the deal there, and is erased with it', async () => {
    const { service, store } = suite;
    const c = commands(service);
    const q = queries(service);
    const pipeline = await c.post<Ids>('/pipelines', {
      name: 'Accounts',
      stages: [{ name: 'New' }, { name: 'Offer' }],
    });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Kask AS' });
    const customerId = customer.body.id;
    await c.post(`/customers/${customerId}/contacts`, {
      name: 'Mari Kask',
      email: 'mari@kask.ee',
    });
    const lead = (personName: string, email: string) =>
      c.post<Ids>('/leads', { personName, companyName: 'Kask AS', email, source: 'fair' });
    const mari = await lead('Mari Kask', 'MARI@kask.ee');
    await c.post(`/leads/${mari.body.id}/qualify`, { note: 'wants a second warehouse' });
    const value = { amount: 80_000, currency: 'EUR' };
    const convert = (leadId: string, body: object) =>
      c.post<Ids>(`/leads/${leadId}/convert`, { pipelineId: pipeline.body.id, value, ...body });

    // Refused before anything is recorded: an unknown or archived customer, or a new id too.
    const head = await store.headPosition();
    const unknown = await convert(mari.body.id, {
      existingCustomerId: '00000000-0000-4000-8000-000000000001',
    });
    expect([unknown.status, (unknown.body as unknown as Problem).type]).toEqual([
      404,
      'urn:kroonika:problem:customer-not-found',
    ]);
    const both = await convert(mari.body.id, {
      existingCustomerId: customerId,
      customerKind: 'company',
    });
    expect(both.status).toBe(400);
    const archived = await c.post<Ids>('/customers', { kind: 'company', name: 'Vana OÜ' });
    await c.post(`/customers/${archived.body.id}/archive`, { reason: 'closed' });
    const afterArchive = await store.headPosition();
    const intoArchived = await convert(mari.body.id, { existingCustomerId: archived.body.id });
    expect([intoArchived.status, (intoArchived.body as unknown as Problem).type]).toEqual([
      409,
      'urn:kroonika:problem:customer-archived',
    ]);
    expect(await store.headPosition()).toBe(afterArchive);
    expect(afterArchive).toBeGreaterThan(head);

    const joined = await convert(mari.body.id, {
      existingCustomerId: customerId,
      dealTitle: 'Second warehouse',
    });
    expect([joined.status, joined.body.customerId]).toEqual([200, customerId]);
    // The company had her as a contact already (her e-mail, case aside): no second one.
    const events = (await store.readStream(`customer-${customerId}`)).map((e) => e.type);
    expect(events).toEqual(['CustomerRegistered', 'ContactPersonAdded', 'LeadJoined']);
    expect((await store.readStream(`deal-${joined.body.dealId!}`))[0]!.data).toMatchObject({
      customerId,
      sourceLeadId: mari.body.id,
    });

    // A colleague of hers comes in through another lead: the company gains him as a contact.
    const juri = await lead('Jüri Kask', 'juri@kask.ee');
    const second = await convert(juri.body.id, { existingCustomerId: customerId });
    expect(second.status).toBe(200);
    const view = await q.get<CustomerView>(`/customers/${customerId}`, second.body.position);
    expect(view.body.contacts.map((k) => k.name).sort()).toEqual(['Jüri Kask', 'Mari Kask']);
    expect(view.body.deals.open.map((d) => d.title).sort()).toEqual([
      'Deal from a converted lead',
      'Second warehouse',
    ]);
    // The leads' history is the customer's: what was noted on the lead is on its timeline.
    const timeline = await q.get<Timeline>(
      `/customers/${customerId}/timeline?limit=100`,
      second.body.position,
    );
    const summaries = timeline.body.items.map((i) => i.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Lead qualified: wants a second warehouse',
        'Lead created: Jüri Kask (Kask AS), source fair',
      ]),
    );

    // Erasing the customer erases the leads that joined it.
    const erased = await c.post<Ids>(`/customers/${customerId}/erase`, { reason: 'request' });
    expect(erased.status).toBe(200);
    const erasure = (await store.readStream(`customer-${customerId}`)).at(-1)!;
    expect(erasure.data).toMatchObject({ leadIds: [mari.body.id, juri.body.id] });
    // Their keys are gone: the log itself, read with the keys there are, has no name left.
    const unsealed = openEventStore({
      eventStoreUrl: service.eventStoreUrl,
      keyStoreUrl: service.keyStoreUrl,
    });
    for (const leadId of [mari.body.id, juri.body.id]) {
      const read = await q.get(`/leads/${leadId}`, erased.body.position);
      const created = (await unsealed.readStream(`lead-${leadId}`))[0]!;
      expect([leadId, JSON.stringify(read.body).includes('Kask'), created.data]).toEqual([
        leadId,
        false,
        expect.objectContaining({ personName: '[erased]' }),
      ]);
    }
    await unsealed.close();
  });
});
