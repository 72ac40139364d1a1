import { type Event, type Money } from '../envelope';

/** What a custom field is kept on. */
export const customFieldEntities = ['customer', 'contact', 'deal'] as const;
export type CustomFieldEntity = (typeof customFieldEntities)[number];

/**
 * The types a field may have: free text, a number, an amount of money in the field's currency
 * (minor units), a day, one of its options, several of its options, yes or no.
 */
export const customFieldTypes = [
  'text',
  'number',
  'money',
  'date',
  'choice',
  'multiChoice',
  'boolean',
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/** A field's value: text, a day (YYYY-MM-DD) or an option; a number; money; options; yes/no. */
export type CustomFieldValue = string | number | boolean | string[] | Money;

/**
 * An admin defines a field that customers, contacts or deals carry. Its key is how values,
 * filters and segment rules name it for good: a renamed field keeps its key, a retired one
 * keeps its key reserved and its values in the history.
 */
export type CustomFieldDefined = Event<
  'CustomFieldDefined',
  {
    fieldKey: string;
    entity: CustomFieldEntity;
    label: string;
    fieldType: CustomFieldType;
    /** The options a choice or multi-choice field offers, in order. */
    options?: string[];
    /** The currency of a money field. */
    currency?: string;
    definedAt: string;
  }
>;
export type CustomFieldRenamed = Event<
  'CustomFieldRenamed',
  { fieldKey: string; label: string; previousLabel: string; renamedAt: string }
>;
/** More options for a choice field; the ones values already use stay. */
export type CustomFieldOptionsAdded = Event<
  'CustomFieldOptionsAdded',
  { fieldKey: string; options: string[]; addedAt: string }
>;
/** No more values are set; the values set so far stay in the history. */
export type CustomFieldRetired = Event<
  'CustomFieldRetired',
  { fieldKey: string; reason?: string; retiredAt: string }
>;

export type CustomFieldEvent =
  CustomFieldDefined | CustomFieldRenamed | CustomFieldOptionsAdded | CustomFieldRetired;

/**
 * Values of custom fields set on a customer (or one of its contacts): `values` by field key,
 * null where a value was cleared; `labels` are the fields' labels when they were set, so the
 * history reads as it was written.
 */
export type CustomFieldValuesSet = Event<
  'CustomFieldValuesSet',
  {
    customerId: string;
    contactId?: string;
    /** Absent once the customer's personal data is erased. */
    values?: Record<string, CustomFieldValue | null>;
    labels: Record<string, string>;
    setAt: string;
  }
>;

/** Values of custom fields set on a deal (as {@link CustomFieldValuesSet}). */
export type DealCustomFieldValuesSet = Event<
  'DealCustomFieldValuesSet',
  {
    dealId: string;
    customerId: string;
    /** Absent once the customer's personal data is erased. */
    values?: Record<string, CustomFieldValue | null>;
    labels: Record<string, string>;
    setAt: string;
  }
>;
