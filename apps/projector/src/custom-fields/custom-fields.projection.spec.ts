import { type Event } from '#events';
import { collections } from '#read-models';
import { customer360Projection } from '../customer-360/customer-360.projection';
import { pipelineBoardProjection } from '../pipeline-board/pipeline-board.projection';
import { projectAll, storedEvents } from '../projection-testing';
import { searchProjection } from '../search/search.projection';
import { customFieldsProjection } from './custom-fields.projection';

const at = '2026-03-01T09:00:00.000Z';
const later = '2026-03-05T09:00:00.000Z';

const definitions: Event[] = [
  {
    type: 'CustomFieldDefined',
    data: {
      fieldKey: 'industry',
      entity: 'customer',
      label: 'Industry',
      fieldType: 'choice',
      options: ['Retail'],
      definedAt: at,
    },
  },
  {
    type: 'CustomFieldRenamed',
    data: { fieldKey: 'industry', label: 'Sector', previousLabel: 'Industry', renamedAt: later },
  },
  {
    type: 'CustomFieldOptionsAdded',
    data: { fieldKey: 'industry', options: ['Farming', 'Services'], addedAt: later },
  },
  { type: 'CustomFieldRetired', data: { fieldKey: 'industry', retiredAt: later } },
];

const customer: Event[] = [
  {
    type: 'CustomerRegistered',
    data: {
      customerId: 'c1',
      kind: 'company',
      name: 'Ounaaed OÜ',
      ownerId: 's1',
      registeredAt: at,
    },
  },
  {
    type: 'ContactPersonAdded',
    data: { customerId: 'c1', contactId: 'k1', name: 'Mari Maasikas', addedAt: at },
  },
  {
    type: 'CustomFieldValuesSet',
    data: {
      customerId: 'c1',
      values: { industry: 'Farming', employees: 12, note: 'Õunaistandus Põlvamaal' },
      labels: { industry: 'Sector', employees: 'Employees', note: 'Note' },
      setAt: at,
    },
  },
  {
    type: 'CustomFieldValuesSet',
    data: {
      customerId: 'c1',
      contactId: 'k1',
      values: { languages: ['et', 'ru'] },
      labels: { languages: 'Languages' },
      setAt: at,
    },
  },
  {
    type: 'CustomFieldValuesSet',
    data: {
      customerId: 'c1',
      values: { employees: null, note: 'Õunad ja pirnid' },
      labels: { employees: 'Employees', note: 'Note' },
      setAt: later,
    },
  },
];

const erased: Event = {
  type: 'CustomerPersonalDataErased',
  data: { customerId: 'c1', leadIds: [], reason: 'asked', erasedAt: later },
};

describe('custom fields', () => {
  it('given a field defined, renamed, extended and retired, then its definition keeps the old label; replay-safe', async () => {
    const { once } = await projectAll(
      customFieldsProjection,
      storedEvents(definitions),
      collections.customFields,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'industry',
        entity: 'customer',
        label: 'Sector',
        options: ['Retail', 'Farming', 'Services'],
        status: 'retired',
        retiredAt: later,
        previousLabels: [{ label: 'Industry', until: later }],
      }),
    ]);
  });

  it("given values set on a customer and a contact, then the customer's document holds them, cleared ones gone", async () => {
    const { once } = await projectAll(
      customer360Projection,
      storedEvents(customer),
      collections.customers,
    );
    expect(once[0]?.['customFields']).toEqual({ industry: 'Farming', note: 'Õunad ja pirnid' });
    const contacts = once[0]?.['contacts'] as Record<string, Record<string, unknown>>;
    expect(contacts['k1']?.['customFields']).toEqual({ languages: ['et', 'ru'] });
  });

  it("given the customer's personal data erased, then no custom field value is left on it", async () => {
    const { once } = await projectAll(
      customer360Projection,
      storedEvents([...customer, erased]),
      collections.customers,
    );
    expect(once[0]?.['customFields']).toBeUndefined();
    const contacts = once[0]?.['contacts'] as Record<string, Record<string, unknown>>;
    expect(contacts['k1']).toEqual({ contactId: 'k1', name: '[erased]' });
  });

  it('given text and options set, then their words are found under the field; a new value makes the old words stale; erasure removes them', async () => {
    const stored = storedEvents(customer);
    const terms = await projectAll(searchProjection, stored, collections.searchTerms);
    const entities = await projectAll(searchProjection, stored, collections.searchEntities);
    const current = (field: string, entity: string) => {
      const version = (
        entities.once.find((e) => e._id === entity)?.['versions'] as Record<string, number>
      )[field];
      return terms.once
        .filter((t) => t['field'] === field && t['entity'] === entity && t['version'] === version)
        .map((t) => t['term'] as string)
        .sort();
    };
    expect(current('field_note', 'customer:c1')).toEqual(['ja', 'ounad', 'pirnid']);
    expect(current('field_industry', 'customer:c1')).toEqual(['farming']);
    expect(current('field_languages', 'contact:k1')).toEqual(['et', 'ru']);
    expect(current('field_employees', 'customer:c1')).toEqual([]);
    const after = await projectAll(
      searchProjection,
      storedEvents([...customer, erased]),
      collections.searchTerms,
    );
    expect(after.once.filter((t) => String(t['field']).startsWith('field_'))).toEqual([]);
  });

  it("given a deal's fields set and one cleared, then the deal card holds the rest; erasure clears them", async () => {
    const deal: Event[] = [
      {
        type: 'DealOpened',
        data: {
          dealId: 'd1',
          customerId: 'c1',
          pipelineId: 'p1',
          stageId: 's1',
          title: 'Kassasüsteem',
          value: { amount: 100_00, currency: 'EUR' },
          ownerId: 'u1',
          openedAt: at,
        },
      },
      {
        type: 'DealCustomFieldValuesSet',
        data: {
          dealId: 'd1',
          customerId: 'c1',
          values: { budget: { amount: 5000_00, currency: 'EUR' }, urgent: true },
          labels: { budget: 'Budget', urgent: 'Urgent' },
          setAt: at,
        },
      },
      {
        type: 'DealCustomFieldValuesSet',
        data: {
          dealId: 'd1',
          customerId: 'c1',
          values: { urgent: null },
          labels: { urgent: 'Urgent' },
          setAt: later,
        },
      },
    ];
    const { once } = await projectAll(
      pipelineBoardProjection,
      storedEvents(deal),
      collections.deals,
    );
    expect(once[0]?.['customFields']).toEqual({ budget: { amount: 5000_00, currency: 'EUR' } });
    const after = await projectAll(
      pipelineBoardProjection,
      storedEvents([...deal, erased]),
      collections.deals,
    );
    expect(after.once[0]?.['customFields']).toBeUndefined();
  });
});
