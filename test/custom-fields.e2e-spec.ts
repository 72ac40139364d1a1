import { readStoreTargets, serviceOn } from './support/read-stores';
import { commands, type Ids, queries } from './support/service';

type Labelled = { fieldKey: string; label: string; fieldType: string; value: unknown }[];
type CustomerView = {
  customFields: Labelled;
  contacts: { contactId: string; customFields: Labelled }[];
  deals: { open: { dealId: string; customFields: Labelled }[] };
};
type Page = { items: Record<string, unknown>[]; nextCursor?: string };

describe.each(readStoreTargets())('custom fields, on $name', (target) => {
  const suite = serviceOn(target);

  it('admins define typed fields; sellers fill them in; the 360, lists, segments, search and the history show them', async () => {
    const { service } = suite;
    const admin = commands(service);
    const manager = await service.staff('Mia Haldur', ['manager']);
    const seller = await service.staff('Siim Müük', ['sales']);
    const s = commands(service, seller);
    const q = queries(service, seller);

    // Only admins define fields.
    const define = (body: Record<string, unknown>) => admin.post<Ids>('/custom-fields', body);
    expect(
      (
        await commands(service, manager).post('/custom-fields', {
          fieldKey: 'x',
          entity: 'customer',
          label: 'X',
          fieldType: 'text',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await define({
          fieldKey: 'industry',
          entity: 'customer',
          label: 'Industry',
          fieldType: 'choice',
          options: ['Retail', 'Farming'],
        })
      ).status,
    ).toBe(201);
    await define({
      fieldKey: 'employees',
      entity: 'customer',
      label: 'Employees',
      fieldType: 'number',
    });
    await define({
      fieldKey: 'profile_note',
      entity: 'customer',
      label: 'Note',
      fieldType: 'text',
    });
    await define({
      fieldKey: 'languages',
      entity: 'contact',
      label: 'Languages',
      fieldType: 'multiChoice',
      options: ['et', 'en', 'ru'],
    });
    await define({
      fieldKey: 'budget',
      entity: 'deal',
      label: 'Budget',
      fieldType: 'money',
      currency: 'EUR',
    });
    const last = await define({
      fieldKey: 'signed_on',
      entity: 'deal',
      label: 'Signed on',
      fieldType: 'date',
    });
    // A key is a field's for good; a choice field needs options.
    const again = await admin.post('/custom-fields', {
      fieldKey: 'industry',
      entity: 'deal',
      label: 'X',
      fieldType: 'text',
    });
    expect([again.status, again.body['type']]).toEqual([
      409,
      expect.stringContaining('custom-field-exists'),
    ]);
    const noOptions = await admin.post('/custom-fields', {
      fieldKey: 'tier',
      entity: 'customer',
      label: 'Tier',
      fieldType: 'choice',
    });
    expect([noOptions.status, noOptions.body['type']]).toEqual([
      400,
      expect.stringContaining('invalid-input'),
    ]);
    const textWithCurrency = await admin.post('/custom-fields', {
      fieldKey: 'tier',
      entity: 'customer',
      label: 'Tier',
      fieldType: 'text',
      currency: 'EUR',
    });
    expect(textWithCurrency.status).toBe(400);
    // An empty option is refused as the document says, before the fields' revision is compared.
    for (const ifMatch of [{}, { 'if-match': '0' }] as Record<string, string>[]) {
      const emptyOption = await admin.post(
        '/custom-fields/industry/options',
        { options: ['Wholesale', ''] },
        ifMatch,
      );
      expect([emptyOption.status, emptyOption.body['errors']]).toEqual([
        400,
        [
          {
            field: 'options',
            messages: ['each value in options must be longer than or equal to 1 characters'],
          },
        ],
      ]);
    }

    const farm = await s.post<Ids>('/customers', { kind: 'company', name: 'Õunaaed OÜ' });
    const shop = await s.post<Ids>('/customers', { kind: 'company', name: 'Poekett AS' });
    const mari = await s.post<Ids>(`/customers/${farm.body.id}/contacts`, { name: 'Mari Õun' });
    const pipeline = await commands(service, manager).post<Ids>('/pipelines', {
      name: 'Müük',
      stages: [{ name: 'Pakkumine' }],
    });
    const deal = await s.post<Ids>('/deals', {
      customerId: farm.body.id,
      pipelineId: pipeline.body.id,
      title: 'Külmhoone',
      value: { amount: 20_000_00, currency: 'EUR' },
    });

    // Values are checked by type; nothing is recorded for a refused one.
    const wrong = await s.post(`/customers/${farm.body.id}/custom-fields`, {
      values: { industry: 'Mining' },
    });
    expect([wrong.status, wrong.body['detail']]).toEqual([
      409,
      expect.stringContaining('Retail, Farming'),
    ]);
    // A value of no stated shape is invalid input, refused before the record is read.
    for (const values of [{}, { industry: [{}] }, { industry: { amount: 1 } }]) {
      const shapeless = await s.post(
        `/customers/${farm.body.id}/custom-fields`,
        { values },
        {
          'if-match': '"99"',
        },
      );
      expect([shapeless.status, shapeless.body['type']]).toEqual([
        400,
        expect.stringContaining('invalid-input'),
      ]);
    }
    const unknown = await s.post(`/customers/${farm.body.id}/custom-fields`, {
      values: { budget: 1 },
    });
    expect([unknown.status, unknown.body['type']]).toEqual([
      409,
      expect.stringContaining('unknown-custom-field'),
    ]);
    const set = await s.post<Ids>(`/customers/${farm.body.id}/custom-fields`, {
      values: { industry: 'farming', employees: 12, profile_note: 'Õunaistandus Põlvamaal' },
    });
    expect(set.status).toBe(200);
    await s.post(`/customers/${shop.body.id}/custom-fields`, {
      values: { industry: 'Retail', employees: 240 },
    });
    await s.post(`/customers/${farm.body.id}/contacts/${mari.body.contactId}/custom-fields`, {
      values: { languages: ['ru', 'et'] },
    });
    const dealSet = await s.post<Ids>(`/deals/${deal.body.id}/custom-fields`, {
      values: { budget: { amount: 18_000_00, currency: 'EUR' }, signed_on: '2026-03-02' },
    });
    expect(dealSet.status).toBe(200);

    // The 360 shows them labelled.
    const view = await q.get<CustomerView>(`/customers/${farm.body.id}`, dealSet.body.position);
    expect(view.body.customFields).toEqual([
      { fieldKey: 'employees', label: 'Employees', fieldType: 'number', value: 12 },
      { fieldKey: 'industry', label: 'Industry', fieldType: 'choice', value: 'Farming' },
      {
        fieldKey: 'profile_note',
        label: 'Note',
        fieldType: 'text',
        value: 'Õunaistandus Põlvamaal',
      },
    ]);
    expect(view.body.contacts[0]?.customFields).toEqual([
      { fieldKey: 'languages', label: 'Languages', fieldType: 'multiChoice', value: ['et', 'ru'] },
    ]);
    expect(view.body.deals.open[0]?.customFields).toEqual([
      {
        fieldKey: 'budget',
        label: 'Budget',
        fieldType: 'money',
        value: { amount: 18_000_00, currency: 'EUR' },
      },
      { fieldKey: 'signed_on', label: 'Signed on', fieldType: 'date', value: '2026-03-02' },
    ]);

    // Lists filter by them: a customer's own fields, a contact's, a deal's.
    const names = async (path: string) =>
      (await q.get<Page>(path, dealSet.body.position)).body.items.map(
        (i) => i['name'] ?? i['title'],
      );
    expect(await names('/customers?field=industry:retail')).toEqual(['Poekett AS']);
    expect(await names('/customers?field=employees>=10&field=employees<=100')).toEqual([
      'Õunaaed OÜ',
    ]);
    // Strict bounds leave the bound itself out: 12 is not > 12, 240 is not < 240.
    expect(await names('/customers?field=employees>12')).toEqual(['Poekett AS']);
    expect(await names('/customers?field=employees<240')).toEqual(['Õunaaed OÜ']);
    expect(await names('/customers?field=languages:RU')).toEqual(['Õunaaed OÜ']);
    expect(await names('/customers?field=profile_note:pollumaal')).toEqual([]);
    expect(await names('/customers?field=profile_note:polvamaal')).toEqual(['Õunaaed OÜ']);
    expect(await names('/customers?field=nosuchfield:1')).toEqual([]);
    expect(await names('/deals?field=budget>=1000000')).toEqual(['Külmhoone']);
    expect(await names('/deals?field=signed_on<=2026-03-01')).toEqual([]);
    const bad = await q.get('/customers?field=not a condition');
    expect(bad.status).toBe(400);

    // Segment rules take them.
    const segment = await commands(service, manager).post<Ids>('/segments', {
      name: 'Vene keelt kõnelevad talud',
      rules: { fields: ['industry:Farming', 'languages:ru'] },
    });
    expect(segment.status).toBe(201);
    const members = await q.get<Page>(
      `/segments/${segment.body.id}/members`,
      segment.body.position,
    );
    expect(members.body.items.map((m) => m['name'])).toEqual(['Õunaaed OÜ']);
    const badRule = await commands(service, manager).post('/segments', {
      name: 'Eelarve',
      rules: { fields: ['budget>=1'] },
    });
    expect([badRule.status, badRule.body['type']]).toEqual([
      409,
      expect.stringContaining('unknown-custom-field'),
    ]);

    // Text is searchable.
    const found = await q.get<{ items: { customerId: string; matched: string[] }[] }>(
      '/search?q=põlvamaal',
      dealSet.body.position,
    );
    expect(found.body.items).toEqual([
      expect.objectContaining({ customerId: farm.body.id, matched: ['field_profile_note'] }),
    ]);

    // Renaming keeps the history as written; a retired field leaves the 360 and takes no value.
    await admin.post('/custom-fields/industry/rename', { label: 'Sector' });
    const retired = await admin.post<Ids>('/custom-fields/employees/retire', {
      reason: 'not kept',
    });
    const late = await s.post(`/customers/${farm.body.id}/custom-fields`, {
      values: { employees: 13 },
    });
    expect([late.status, late.body['type']]).toEqual([
      409,
      expect.stringContaining('field-retired'),
    ]);
    const after = await q.get<CustomerView>(`/customers/${farm.body.id}`, retired.body.position);
    expect(after.body.customFields.map((f) => f.label)).toEqual(['Note', 'Sector']);
    const timeline = await q.get<{ items: { summary: string }[] }>(
      `/customers/${farm.body.id}/timeline?group=profile,sales`,
      retired.body.position,
    );
    expect(timeline.body.items.map((i) => i.summary)).toEqual(
      expect.arrayContaining([
        'Fields set: Industry: Farming; Employees: 12; Note: Õunaistandus Põlvamaal',
        'Contact fields set: Languages: et, ru',
        'Deal fields set: Budget: 18000.00 EUR; Signed on: 2026-03-02',
      ]),
    );
    const fields = await q.get<Page>('/custom-fields?entity=customer', retired.body.position);
    expect(fields.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          fieldKey: 'industry',
          label: 'Sector',
          status: 'active',
        }),
        expect.objectContaining({ fieldKey: 'employees', status: 'retired' }),
      ]),
    );
    const industry = fields.body.items.find((f) => f['fieldKey'] === 'industry');
    expect(industry?.['previousLabels']).toEqual([
      { label: 'Industry', until: expect.stringMatching(/^\d{4}-/) as unknown },
    ]);
    expect(last.status).toBe(201);

    // Values are personal data: erased with the customer, from the 360, the deal and search.
    const erased = await admin.post<Ids>(`/customers/${farm.body.id}/erase`, {
      reason: 'Erasure request',
    });
    expect(erased.status).toBe(200);
    const gone = await q.get<CustomerView>(`/customers/${farm.body.id}`, erased.body.position);
    expect(gone.body.customFields).toEqual([]);
    expect(gone.body.contacts[0]?.customFields).toEqual([]);
    expect(gone.body.deals.open[0]?.customFields).toEqual([]);
    const unfound = await q.get<{ items: unknown[] }>('/search?q=polvamaal', erased.body.position);
    expect(unfound.body.items).toEqual([]);
    const history = await q.get<{ items: { summary: string }[] }>(
      `/customers/${farm.body.id}/timeline?group=profile`,
      erased.body.position,
    );
    expect(history.body.items.map((i) => i.summary)).toContain(
      'Fields set: Industry; Employees; Note',
    );
  });
});
