import { type CustomerEvent, type CustomFieldEvent, type DealEvent } from '#events';
import { customerDecider } from '../customer/customer.decider';
import { dealDecider } from '../deal/deal.decider';
import { fold } from '../decider';
import { specFor } from '../testing';
import { customFieldChanges, customFieldsDecider } from './custom-field.decider';
import { checkFieldCondition, fieldMeets, parseFieldCondition } from './field-conditions';

const now = '2026-03-01T09:00:00.000Z';
const spec = specFor(customFieldsDecider);

const industry: CustomFieldEvent = {
  type: 'CustomFieldDefined',
  data: {
    fieldKey: 'industry',
    entity: 'customer',
    label: 'Industry',
    fieldType: 'choice',
    options: ['Retail', 'Manufacturing'],
    definedAt: now,
  },
};
const employees: CustomFieldEvent = {
  type: 'CustomFieldDefined',
  data: {
    fieldKey: 'employees',
    entity: 'customer',
    label: 'Employees',
    fieldType: 'number',
    definedAt: now,
  },
};
const budget: CustomFieldEvent = {
  type: 'CustomFieldDefined',
  data: {
    fieldKey: 'budget',
    entity: 'deal',
    label: 'Budget',
    fieldType: 'money',
    currency: 'EUR',
    definedAt: now,
  },
};
const retired: CustomFieldEvent = {
  type: 'CustomFieldRetired',
  data: { fieldKey: 'employees', retiredAt: now },
};
const fieldsOf = (events: CustomFieldEvent[]) =>
  fold(customFieldsDecider, customFieldsDecider.initialState(), events).fields;

describe('custom field definitions', () => {
  it('given no fields, when a choice field is defined, then its options are kept trimmed and once each', () => {
    spec([])
      .when({
        type: 'DefineCustomField',
        fieldKey: 'industry',
        entity: 'customer',
        label: ' Industry ',
        fieldType: 'choice',
        options: ['Retail', ' retail', 'Manufacturing '],
        now,
      })
      .then([industry]);
  });

  it('refuses a key used before (even retired), a label in use, and options or currency where the type has none', () => {
    const define = {
      type: 'DefineCustomField' as const,
      fieldKey: 'sector',
      entity: 'customer' as const,
      label: 'Sector',
      fieldType: 'text' as const,
      now,
    };
    spec([employees, retired])
      .when({ ...define, fieldKey: 'employees' })
      .thenRejectedWith('custom-field-exists');
    spec([industry])
      .when({ ...define, label: 'INDUSTRY' })
      .thenRejectedWith('label-taken');
    // The same label is free for another kind of record, and once the field is retired.
    spec([industry])
      .when({ ...define, entity: 'deal', label: 'Industry' })
      .then([
        {
          type: 'CustomFieldDefined',
          data: {
            fieldKey: 'sector',
            entity: 'deal',
            label: 'Industry',
            fieldType: 'text',
            definedAt: now,
          },
        },
      ]);
    spec([])
      .when({ ...define, options: ['A'] })
      .thenRejectedWith('options-not-allowed');
    spec([])
      .when({ ...define, fieldType: 'choice' })
      .thenRejectedWith('options-required');
    spec([])
      .when({ ...define, fieldType: 'money' })
      .thenRejectedWith('currency-required');
    spec([])
      .when({ ...define, currency: 'EUR' })
      .thenRejectedWith('currency-not-allowed');
    spec([])
      .when({ ...define, fieldKey: 'Sector' })
      .thenRejectedWith('field-key-invalid');
    spec([])
      .when({ ...define, label: '  ' })
      .thenRejectedWith('label-required');
  });

  it('renames with the previous label recorded; the same label is no news; a retired field stays as it was', () => {
    spec([industry])
      .when({ type: 'RenameCustomField', fieldKey: 'industry', label: 'Sector', now })
      .then([
        {
          type: 'CustomFieldRenamed',
          data: {
            fieldKey: 'industry',
            label: 'Sector',
            previousLabel: 'Industry',
            renamedAt: now,
          },
        },
      ]);
    spec([industry])
      .when({ type: 'RenameCustomField', fieldKey: 'industry', label: 'Industry', now })
      .thenNothingHappened();
    spec([employees, retired])
      .when({ type: 'RenameCustomField', fieldKey: 'employees', label: 'Staff', now })
      .thenRejectedWith('field-retired');
    spec([])
      .when({ type: 'RenameCustomField', fieldKey: 'nope', label: 'X', now })
      .thenRejectedWith('custom-field-not-found');
  });

  it('adds only new options, to choice fields; retires once', () => {
    spec([industry])
      .when({
        type: 'AddCustomFieldOptions',
        fieldKey: 'industry',
        options: ['RETAIL', 'Services'],
        now,
      })
      .then([
        {
          type: 'CustomFieldOptionsAdded',
          data: { fieldKey: 'industry', options: ['Services'], addedAt: now },
        },
      ]);
    spec([employees])
      .when({ type: 'AddCustomFieldOptions', fieldKey: 'employees', options: ['A'], now })
      .thenRejectedWith('options-not-allowed');
    spec([employees])
      .when({ type: 'RetireCustomField', fieldKey: 'employees', now })
      .then([retired]);
    spec([employees, retired])
      .when({ type: 'RetireCustomField', fieldKey: 'employees', now })
      .thenNothingHappened();
  });
});

describe('custom field values', () => {
  const fields = fieldsOf([industry, employees, budget]);

  it('checks each value by its type, keeps the option as spelled, and drops what does not change', () => {
    expect(
      customFieldChanges(
        fields,
        'customer',
        { employees: 40 },
        {
          industry: 'retail',
          employees: 40,
        },
      ),
    ).toEqual({ values: { industry: 'Retail' }, labels: { industry: 'Industry' } });
    expect(customFieldChanges(fields, 'customer', { employees: 40 }, { employees: null })).toEqual({
      values: { employees: null },
      labels: { employees: 'Employees' },
    });
    expect(() => customFieldChanges(fields, 'customer', {}, { industry: 'Mining' })).toThrow(
      /one of: Retail, Manufacturing/,
    );
    expect(() => customFieldChanges(fields, 'customer', {}, { employees: '40' })).toThrow(
      /takes a number/,
    );
    expect(() =>
      customFieldChanges(fields, 'deal', {}, { budget: { amount: 100, currency: 'USD' } }),
    ).toThrow(/EUR/);
    // A deal field is not a customer's; a key nobody defined is refused alike.
    expect(() => customFieldChanges(fields, 'customer', {}, { budget: 1 })).toThrow(
      /no customer field "budget"/,
    );
    expect(() => customFieldChanges(fields, 'customer', {}, {})).toThrow(/at least one/);
  });

  it('types: dates are real days, multi-choice keeps the field order, text is trimmed, empty clears', () => {
    const more = fieldsOf([
      {
        type: 'CustomFieldDefined',
        data: {
          fieldKey: 'since',
          entity: 'contact',
          label: 'Since',
          fieldType: 'date',
          definedAt: now,
        },
      },
      {
        type: 'CustomFieldDefined',
        data: {
          fieldKey: 'langs',
          entity: 'contact',
          label: 'Languages',
          fieldType: 'multiChoice',
          options: ['et', 'en', 'ru'],
          definedAt: now,
        },
      },
      {
        type: 'CustomFieldDefined',
        data: {
          fieldKey: 'note',
          entity: 'contact',
          label: 'Note',
          fieldType: 'text',
          definedAt: now,
        },
      },
      {
        type: 'CustomFieldDefined',
        data: {
          fieldKey: 'vip',
          entity: 'contact',
          label: 'VIP',
          fieldType: 'boolean',
          definedAt: now,
        },
      },
    ]);
    expect(
      customFieldChanges(
        more,
        'contact',
        { note: 'x' },
        {
          since: '2024-02-29',
          langs: ['ru', 'ET', 'ru'],
          note: '  ',
          vip: false,
        },
      ).values,
    ).toEqual({ since: '2024-02-29', langs: ['et', 'ru'], note: null, vip: false });
    expect(() => customFieldChanges(more, 'contact', {}, { since: '2023-02-29' })).toThrow(/day/);
    expect(() => customFieldChanges(more, 'contact', {}, { vip: 'yes' })).toThrow(/true or false/);
  });

  it('given a customer with a contact, when values are set, then one event with the labels of then; retired fields take none', () => {
    const customerSpec = specFor(customerDecider);
    const registered: CustomerEvent[] = [
      {
        type: 'CustomerRegistered',
        data: {
          customerId: 'c1',
          kind: 'company',
          name: 'Ounaaed OÜ',
          ownerId: 's1',
          registeredAt: now,
        },
      },
      {
        type: 'ContactPersonAdded',
        data: { customerId: 'c1', contactId: 'k1', name: 'Mari', addedAt: now },
      },
    ];
    customerSpec(registered)
      .when({
        type: 'SetCustomFieldValues',
        customerId: 'c1',
        values: { employees: 12 },
        fields,
        now,
      })
      .then([
        {
          type: 'CustomFieldValuesSet',
          data: {
            customerId: 'c1',
            values: { employees: 12 },
            labels: { employees: 'Employees' },
            setAt: now,
          },
        },
      ]);
    customerSpec([
      ...registered,
      {
        type: 'CustomFieldValuesSet',
        data: {
          customerId: 'c1',
          values: { employees: 12 },
          labels: { employees: 'Employees' },
          setAt: now,
        },
      },
    ])
      .when({
        type: 'SetCustomFieldValues',
        customerId: 'c1',
        values: { employees: 12 },
        fields,
        now,
      })
      .thenNothingHappened();
    customerSpec(registered)
      .when({
        type: 'SetCustomFieldValues',
        customerId: 'c1',
        contactId: 'k2',
        values: { employees: 1 },
        fields,
        now,
      })
      .thenRejectedWith('contact-not-found');
    customerSpec(registered)
      .when({
        type: 'SetCustomFieldValues',
        customerId: 'c1',
        values: { employees: 1 },
        fields: fieldsOf([employees, retired]),
        now,
      })
      .thenRejectedWith('field-retired');
  });

  it('given a won deal, when its fields are set, then they are recorded on the deal', () => {
    const opened: DealEvent[] = [
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
          openedAt: now,
        },
      },
      {
        type: 'DealWon',
        data: {
          dealId: 'd1',
          customerId: 'c1',
          value: { amount: 100_00, currency: 'EUR' },
          wonAt: now,
        },
      },
    ];
    specFor(dealDecider)(opened)
      .when({
        type: 'SetDealCustomFieldValues',
        dealId: 'd1',
        values: { budget: { amount: 5000_00, currency: 'EUR' } },
        fields,
        now,
      })
      .then([
        {
          type: 'DealCustomFieldValuesSet',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            values: { budget: { amount: 5000_00, currency: 'EUR' } },
            labels: { budget: 'Budget' },
            setAt: now,
          },
        },
      ]);
  });
});

describe('conditions on custom fields', () => {
  const fields = fieldsOf([industry, employees, budget]);

  it('compare by type: text contains, choices equal, ranges on numbers, money and days', () => {
    expect(
      fieldMeets('text', 'Põllumajandus ja aiandus', { op: ':', value: 'pollumajandus' }),
    ).toBe(true);
    expect(fieldMeets('choice', 'Retail', { op: ':', value: 'retail' })).toBe(true);
    expect(fieldMeets('multiChoice', ['et', 'ru'], { op: ':', value: 'ru' })).toBe(true);
    expect(fieldMeets('number', 40, { op: '>=', value: '10' })).toBe(true);
    expect(fieldMeets('number', 4, { op: '>=', value: '10' })).toBe(false);
    expect(fieldMeets('money', { amount: 500, currency: 'EUR' }, { op: '<=', value: '500' })).toBe(
      true,
    );
    expect(fieldMeets('date', '2026-03-01', { op: '>=', value: '2026-01-01' })).toBe(true);
    expect(fieldMeets('boolean', false, { op: ':', value: 'false' })).toBe(true);
    // no value, or a bound the type cannot compare with, meets nothing
    expect(fieldMeets('number', undefined, { op: ':', value: '1' })).toBe(false);
    expect(fieldMeets('number', 4, { op: '>=', value: 'many' })).toBe(false);
    expect(fieldMeets('text', 'abc', { op: '>=', value: 'a' })).toBe(false);
  });

  it('compare strictly with > and <: the bound itself is out', () => {
    expect(fieldMeets('number', 10, { op: '>', value: '10' })).toBe(false);
    expect(fieldMeets('number', 11, { op: '>', value: '10' })).toBe(true);
    expect(fieldMeets('money', { amount: 500, currency: 'EUR' }, { op: '<', value: '500' })).toBe(
      false,
    );
    expect(fieldMeets('date', '2026-06-29', { op: '<', value: '2026-06-30' })).toBe(true);
    expect(parseFieldCondition('employees>10')).toEqual({ key: 'employees', op: '>', value: '10' });
    expect(parseFieldCondition('employees>=10')).toEqual({
      key: 'employees',
      op: '>=',
      value: '10',
    });
    expect(parseFieldCondition('signed_on<2026-06-30')).toEqual({
      key: 'signed_on',
      op: '<',
      value: '2026-06-30',
    });
    expect(checkFieldCondition(fields, 'employees<50')).toEqual({
      key: 'employees',
      op: '<',
      value: '50',
    });
  });

  it('a segment rule names a customer or contact field in use, compared as its type allows', () => {
    expect(checkFieldCondition(fields, 'employees>=10')).toEqual({
      key: 'employees',
      op: '>=',
      value: '10',
    });
    expect(() => checkFieldCondition(fields, 'industry:Mining')).toThrow(/cannot hold/);
    expect(() => checkFieldCondition(fields, 'industry>=Retail')).toThrow(/cannot hold/);
    expect(() => checkFieldCondition(fields, 'budget>=1')).toThrow(/no customer or contact field/);
    expect(() => checkFieldCondition(fieldsOf([employees, retired]), 'employees:1')).toThrow(
      /retired/,
    );
  });
});
