import {
  type CustomFieldEntity,
  type CustomFieldEvent,
  type CustomFieldType,
  type CustomFieldValue,
} from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { addDays } from '../ticket/business-hours';

/** A field as values are checked against it. */
export type CustomFieldDefinition = {
  fieldKey: string;
  entity: CustomFieldEntity;
  label: string;
  fieldType: CustomFieldType;
  options: string[];
  currency?: string;
  retired: boolean;
};

/** Every field ever defined, by key (one stream holds them all). */
export type CustomFieldsState = { fields: Record<string, CustomFieldDefinition> };

type Now = { fieldKey: string; now: string };
export type DefineCustomField = {
  type: 'DefineCustomField';
  entity: CustomFieldEntity;
  label: string;
  fieldType: CustomFieldType;
  options?: string[];
  currency?: string;
} & Now;
export type RenameCustomField = { type: 'RenameCustomField'; label: string } & Now;
export type AddCustomFieldOptions = { type: 'AddCustomFieldOptions'; options: string[] } & Now;
export type RetireCustomField = { type: 'RetireCustomField'; reason?: string } & Now;
export type CustomFieldCommand =
  DefineCustomField | RenameCustomField | AddCustomFieldOptions | RetireCustomField;

export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
/** Fields in use per kind of record, and options per choice field. */
export const MAX_CUSTOM_FIELDS = 100;
export const MAX_FIELD_OPTIONS = 100;

const choices = (t: CustomFieldType) => t === 'choice' || t === 'multiChoice';
const folded = (s: string) => s.trim().toLocaleLowerCase();

const label = (
  state: CustomFieldsState,
  entity: CustomFieldEntity,
  wanted: string,
  key: string,
) => {
  const text = wanted.trim();
  if (text === '') throw violated('label-required', 'A field needs a label');
  const taken = Object.values(state.fields).find(
    (f) =>
      !f.retired && f.entity === entity && f.fieldKey !== key && folded(f.label) === folded(text),
  );
  if (taken)
    throw violated('label-taken', `The ${entity} field "${taken.fieldKey}" is labelled "${text}"`);
  return text;
};

/** Options trimmed, each once (case-folded), none empty. */
const optionsOf = (wanted: string[]) => {
  const out: string[] = [];
  for (const raw of wanted) {
    const option = raw.trim();
    if (option === '') throw violated('option-empty', 'An option needs a text');
    if (!out.some((o) => folded(o) === folded(option))) out.push(option);
  }
  return out;
};

const active = (state: CustomFieldsState, fieldKey: string) => {
  const field = state.fields[fieldKey];
  if (!field) throw notFound('custom-field', fieldKey);
  if (field.retired) throw violated('field-retired', `The field "${fieldKey}" is retired`);
  return field;
};

const define = (command: DefineCustomField, state: CustomFieldsState): CustomFieldEvent[] => {
  const { fieldKey, entity, fieldType, now } = command;
  if (!CUSTOM_FIELD_KEY.test(fieldKey))
    throw violated('field-key-invalid', 'A key is a lower-case letter, then letters, digits, _');
  // A key stays its field's for good, retired or not, so the history never reads ambiguously.
  if (state.fields[fieldKey]) throw alreadyExists('custom-field', fieldKey);
  const inUse = Object.values(state.fields).filter((f) => !f.retired && f.entity === entity);
  if (inUse.length >= MAX_CUSTOM_FIELDS)
    throw violated('too-many-fields', `At most ${MAX_CUSTOM_FIELDS} ${entity} fields are in use`);
  const options = optionsOf(command.options ?? []);
  if (choices(fieldType) && options.length === 0)
    throw violated('options-required', 'A choice field needs options');
  if (!choices(fieldType) && options.length > 0)
    throw violated('options-not-allowed', 'Only choice fields have options');
  if (options.length > MAX_FIELD_OPTIONS)
    throw violated('too-many-options', `A field has at most ${MAX_FIELD_OPTIONS} options`);
  if (fieldType === 'money' && !command.currency)
    throw violated('currency-required', 'A money field needs a currency');
  if (fieldType !== 'money' && command.currency)
    throw violated('currency-not-allowed', 'Only money fields have a currency');
  return [
    {
      type: 'CustomFieldDefined',
      data: {
        fieldKey,
        entity,
        label: label(state, entity, command.label, fieldKey),
        fieldType,
        ...(choices(fieldType) ? { options } : {}),
        ...(command.currency ? { currency: command.currency } : {}),
        definedAt: now,
      },
    },
  ];
};

const decide = (command: CustomFieldCommand, state: CustomFieldsState): CustomFieldEvent[] => {
  switch (command.type) {
    case 'DefineCustomField':
      return define(command, state);
    case 'RenameCustomField': {
      const field = active(state, command.fieldKey);
      const text = label(state, field.entity, command.label, field.fieldKey);
      if (text === field.label) return [];
      return [
        {
          type: 'CustomFieldRenamed',
          data: {
            fieldKey: field.fieldKey,
            label: text,
            previousLabel: field.label,
            renamedAt: command.now,
          },
        },
      ];
    }
    case 'AddCustomFieldOptions': {
      const field = active(state, command.fieldKey);
      if (!choices(field.fieldType))
        throw violated('options-not-allowed', 'Only choice fields have options');
      const added = optionsOf(command.options).filter(
        (o) => !field.options.some((known) => folded(known) === folded(o)),
      );
      if (added.length === 0) return [];
      if (field.options.length + added.length > MAX_FIELD_OPTIONS)
        throw violated('too-many-options', `A field has at most ${MAX_FIELD_OPTIONS} options`);
      return [
        {
          type: 'CustomFieldOptionsAdded',
          data: { fieldKey: field.fieldKey, options: added, addedAt: command.now },
        },
      ];
    }
    case 'RetireCustomField': {
      const field = state.fields[command.fieldKey];
      if (!field) throw notFound('custom-field', command.fieldKey);
      if (field.retired) return [];
      return [
        {
          type: 'CustomFieldRetired',
          data: {
            fieldKey: field.fieldKey,
            ...(command.reason ? { reason: command.reason } : {}),
            retiredAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const change = (
  state: CustomFieldsState,
  fieldKey: string,
  f: (field: CustomFieldDefinition) => CustomFieldDefinition,
): CustomFieldsState => {
  const field = state.fields[fieldKey];
  return field ? { fields: { ...state.fields, [fieldKey]: f(field) } } : state;
};

const evolve = (state: CustomFieldsState, event: CustomFieldEvent): CustomFieldsState => {
  switch (event.type) {
    case 'CustomFieldDefined': {
      const { fieldKey, entity, label: text, fieldType, options, currency } = event.data;
      const field: CustomFieldDefinition = {
        fieldKey,
        entity,
        label: text,
        fieldType,
        options: options ?? [],
        ...(currency ? { currency } : {}),
        retired: false,
      };
      return { fields: { ...state.fields, [fieldKey]: field } };
    }
    case 'CustomFieldRenamed':
      return change(state, event.data.fieldKey, (f) => ({ ...f, label: event.data.label }));
    case 'CustomFieldOptionsAdded':
      return change(state, event.data.fieldKey, (f) => ({
        ...f,
        options: [...f.options, ...event.data.options],
      }));
    case 'CustomFieldRetired':
      return change(state, event.data.fieldKey, (f) => ({ ...f, retired: true }));
    default:
      return unreachable(event);
  }
};

export const customFieldsDecider: Decider<CustomFieldCommand, CustomFieldEvent, CustomFieldsState> =
  { decide, evolve, initialState: () => ({ fields: {} }) };

/** Values set in one command, at most. */
export const MAX_VALUES_PER_CHANGE = 50;
export const MAX_TEXT_VALUE = 2000;

/** How a day is written (`YYYY-MM-DD`); a real day is one that reads the same moved by 0 days. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY_PATTERN.test(s) && addDays(s, 0) === s;

const wrong = (field: CustomFieldDefinition, expected: string) =>
  violated('field-value-invalid', `"${field.label}" (${field.fieldKey}) takes ${expected}`);

/** One value checked against its field: the value to keep, or null where it is cleared. */
const checkedValue = (field: CustomFieldDefinition, value: unknown): CustomFieldValue | null => {
  if (value === null) return null;
  const option = (v: unknown) => {
    const found =
      typeof v === 'string' ? field.options.find((o) => folded(o) === folded(v)) : undefined;
    if (found === undefined) throw wrong(field, `one of: ${field.options.join(', ')}`);
    return found;
  };
  switch (field.fieldType) {
    case 'text': {
      if (typeof value !== 'string' || value.length > MAX_TEXT_VALUE)
        throw wrong(field, `a text of at most ${MAX_TEXT_VALUE} characters`);
      return value.trim() === '' ? null : value.trim();
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong(field, 'a number');
      return value;
    case 'money': {
      const money = value as { amount?: unknown; currency?: unknown };
      if (
        typeof value !== 'object' ||
        Array.isArray(value) ||
        typeof money.amount !== 'number' ||
        !Number.isSafeInteger(money.amount) ||
        typeof money.currency !== 'string' ||
        money.currency !== field.currency
      )
        throw wrong(field, `an amount in ${field.currency ?? ''} minor units`);
      return { amount: money.amount, currency: money.currency };
    }
    case 'date':
      if (typeof value !== 'string' || !isDay(value)) throw wrong(field, 'a day (YYYY-MM-DD)');
      return value;
    case 'choice':
      return option(value);
    case 'multiChoice': {
      if (!Array.isArray(value)) throw wrong(field, `a list of: ${field.options.join(', ')}`);
      const picked = new Set(value.map(option));
      // Kept in the field's own order, each once; none picked clears the value.
      const ordered = field.options.filter((o) => picked.has(o));
      return ordered.length === 0 ? null : ordered;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong(field, 'true or false');
      return value;
    default:
      return unreachable(field.fieldType);
  }
};

/** What setting `wanted` on a record changes: the changed values (null: cleared) and labels. */
export const customFieldChanges = (
  fields: Readonly<Record<string, CustomFieldDefinition>>,
  entity: CustomFieldEntity,
  current: Readonly<Record<string, CustomFieldValue>>,
  wanted: Readonly<Record<string, unknown>>,
): { values: Record<string, CustomFieldValue | null>; labels: Record<string, string> } => {
  const keys = Object.keys(wanted);
  if (keys.length === 0) throw violated('values-required', 'Name at least one field');
  if (keys.length > MAX_VALUES_PER_CHANGE)
    throw violated('too-many-values', `At most ${MAX_VALUES_PER_CHANGE} fields at once`);
  const values: Record<string, CustomFieldValue | null> = {};
  const labels: Record<string, string> = {};
  for (const key of keys) {
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (field?.entity !== entity)
      throw violated('unknown-custom-field', `There is no ${entity} field "${key}"`);
    if (field.retired) throw violated('field-retired', `The field "${key}" is retired`);
    const value = checkedValue(field, wanted[key]);
    const before = Object.hasOwn(current, key) ? current[key] : undefined;
    if (JSON.stringify(value) === JSON.stringify(before ?? null)) continue;
    values[key] = value;
    labels[key] = field.label;
  }
  return { values, labels };
};

/** Values after a change: cleared ones dropped. */
export const withFieldValues = (
  current: Readonly<Record<string, CustomFieldValue>>,
  changes: Readonly<Record<string, CustomFieldValue | null>>,
): Record<string, CustomFieldValue> =>
  Object.fromEntries(
    Object.entries({ ...current, ...changes }).filter(
      (entry): entry is [string, CustomFieldValue] => entry[1] !== null,
    ),
  );
