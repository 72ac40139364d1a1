import { type CustomFieldType, type CustomFieldValue } from '#events';
import { violated } from '../decider';
import { type CustomFieldDefinition, DAY_PATTERN } from './custom-field.decider';

/** Text as it is compared: lower case, without diacritics (`Õismäe` → `oismae`). */
export const foldText = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');

/**
 * A condition on a custom field, as list filters and segment rules write it: `key:value` (a
 * text contains it; a choice is it; a multi-choice has it; yes/no, numbers, money and days
 * equal it), `key>=value`, `key>value`, `key<=value` or `key<value` (numbers, money amounts in
 * minor units, days).
 */
export type FieldCondition = { key: string; op: ':' | '>=' | '>' | '<=' | '<'; value: string };

/** One line: the key, how it compares, and up to 200 characters to compare with. */
export const FIELD_CONDITION = /^([a-z][a-z0-9_]{0,39})(:|>=|<=|>|<)(.{1,200})$/;

export const parseFieldCondition = (text: string): FieldCondition | undefined => {
  const m = FIELD_CONDITION.exec(text);
  return m ? { key: m[1]!, op: m[2] as FieldCondition['op'], value: m[3]!.trim() } : undefined;
};

const ranged = (t: CustomFieldType) => t === 'number' || t === 'money' || t === 'date';

/** A bound or value to compare with: a day as it is, a number parsed; undefined when neither. */
const comparable = (fieldType: CustomFieldType, raw: string): number | string | undefined => {
  if (fieldType === 'date') return DAY_PATTERN.test(raw) ? raw : undefined;
  const n = Number(raw);
  return raw !== '' && Number.isFinite(n) ? n : undefined;
};

/**
 * Whether a value meets a condition on its field. A field without a value meets none, and so
 * does a value the condition cannot compare with.
 */
export const fieldMeets = (
  fieldType: CustomFieldType,
  value: CustomFieldValue | undefined,
  condition: Pick<FieldCondition, 'op' | 'value'>,
): boolean => {
  if (value === undefined) return false;
  const { op, value: wanted } = condition;
  if (!ranged(fieldType)) {
    if (op !== ':') return false;
    if (typeof value === 'boolean') return String(value) === wanted.toLowerCase();
    if (Array.isArray(value)) return value.some((v) => foldText(v) === foldText(wanted));
    if (typeof value !== 'string') return false;
    return fieldType === 'text'
      ? foldText(value).includes(foldText(wanted))
      : foldText(value) === foldText(wanted);
  }
  const have =
    typeof value === 'object' && !Array.isArray(value)
      ? value.amount
      : typeof value === 'number' || typeof value === 'string'
        ? value
        : undefined;
  const bound = comparable(fieldType, wanted);
  if (have === undefined || bound === undefined || typeof have !== typeof bound) return false;
  switch (op) {
    case ':':
      return have === bound;
    case '>=':
      return have >= bound;
    case '>':
      return have > bound;
    case '<=':
      return have <= bound;
    case '<':
      return have < bound;
  }
};

/**
 * A condition a segment rule may keep: on a customer or contact field in use, comparing the
 * way its type allows (ranges on numbers, money and days; `true`/`false` on yes/no; an option
 * of a choice).
 */
export const checkFieldCondition = (
  fields: Readonly<Record<string, CustomFieldDefinition>>,
  text: string,
): FieldCondition => {
  const condition = parseFieldCondition(text);
  if (!condition)
    throw violated(
      'field-condition-invalid',
      `"${text}" is not key:value, key>=value, key>value, key<=value or key<value`,
    );
  const field = Object.hasOwn(fields, condition.key) ? fields[condition.key] : undefined;
  if (!field || field.entity === 'deal')
    throw violated(
      'unknown-custom-field',
      `There is no customer or contact field "${condition.key}"`,
    );
  if (field.retired) throw violated('field-retired', `The field "${condition.key}" is retired`);
  const { op, value } = condition;
  const fits =
    op !== ':'
      ? ranged(field.fieldType) && comparable(field.fieldType, value) !== undefined
      : field.fieldType === 'boolean'
        ? value === 'true' || value === 'false'
        : field.fieldType === 'choice' || field.fieldType === 'multiChoice'
          ? field.options.some((o) => foldText(o) === foldText(value))
          : ranged(field.fieldType)
            ? comparable(field.fieldType, value) !== undefined
            : true;
  if (!fits)
    throw violated(
      'field-condition-invalid',
      `"${text}" cannot hold for the ${field.fieldType} field "${field.label}"`,
    );
  return condition;
};
