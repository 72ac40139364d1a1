import { type ConsentChannel, consentChannels, type SegmentRules } from '#events';
import { fieldMeets, parseFieldCondition } from '#domain';
import { byIds, type Filter, type ReadStore } from '#read-store';
import { type CustomFieldDoc } from './custom-fields';
import { type CustomerDoc } from './customers';
import { collections } from './names';

const lower = (values: (string | null | undefined)[]) =>
  values.filter((v): v is string => typeof v === 'string').map((v) => v.toLocaleLowerCase());

const daysBetween = (from: string, to: number) => (to - Date.parse(from)) / 86_400_000;

/** The types of the custom fields rules name, by key. */
export type FieldTypes = ReadonlyMap<string, Pick<CustomFieldDoc, 'entity' | 'fieldType'>>;

/**
 * Whether a customer meets every custom field condition: a customer field's own value, or a
 * contact field's value on one of its contacts. A field no longer known meets nothing.
 */
export const meetsFields = (conditions: string[], c: CustomerDoc, fields: FieldTypes): boolean =>
  conditions.every((text) => {
    const condition = parseFieldCondition(text);
    const field = condition && fields.get(condition.key);
    if (!condition || !field) return false;
    if (field.entity === 'customer')
      return fieldMeets(field.fieldType, c.customFields?.[condition.key], condition);
    if (field.entity !== 'contact') return false;
    return Object.values(c.contacts ?? {}).some((contact) =>
      fieldMeets(field.fieldType, contact.customFields?.[condition.key], condition),
    );
  });

/** The field types named by conditions, read once per question. */
export const fieldTypesFor = async (
  store: ReadStore,
  conditions: readonly string[],
): Promise<FieldTypes> => {
  const keys = conditions.flatMap((text) => parseFieldCondition(text)?.key ?? []);
  return keys.length === 0
    ? new Map()
    : byIds<CustomFieldDoc>(store, collections.customFields, keys);
};

/** Whether a customer belongs to a segment now: every rule given holds. */
export const matches = (
  rules: SegmentRules,
  c: CustomerDoc,
  now: number,
  fields: FieldTypes = new Map(),
): boolean => {
  if (c.status === 'archived') return false;
  if (rules.categories && !(c.category && rules.categories.includes(c.category))) return false;
  const tags = Object.keys(c.tagSet ?? {});
  if (rules.tagsAll && !rules.tagsAll.every((t) => tags.includes(t))) return false;
  if (rules.tagsAny && !rules.tagsAny.some((t) => tags.includes(t))) return false;
  if (rules.cities) {
    const cities = lower([
      c.demographic?.homeCity,
      c.address?.city,
      ...(c.addresses ?? []).map((a) => a.city),
    ]);
    if (!lower(rules.cities).some((city) => cities.includes(city))) return false;
  }
  if (rules.interestsAny) {
    const interests = lower(c.psychographic?.interests ?? []);
    if (!lower(rules.interestsAny).some((i) => interests.includes(i))) return false;
  }
  if (rules.ownerIds && !rules.ownerIds.includes(c.ownerId)) return false;
  if (rules.consent && !rules.consent.every((channel) => c.consents?.[channel])) return false;
  const last = c.lastActivityAt;
  if (rules.contactedWithinDays !== undefined)
    if (!last || daysBetween(last, now) > rules.contactedWithinDays) return false;
  if (rules.notContactedForDays !== undefined)
    if (last && daysBetween(last, now) < rules.notContactedForDays) return false;
  if (rules.fields && !meetsFields(rules.fields, c, fields)) return false;
  return true;
};

/** Consent per channel, as a mass mailing would see it. */
export const consentOf = (c: CustomerDoc) =>
  Object.fromEntries(
    consentChannels.map((channel) => [channel, Boolean(c.consents?.[channel])]),
  ) as Record<ConsentChannel, boolean>;

const SCAN = 200;

/**
 * The customers matching the rules now, by id, after `after`. Categories and owners narrow the
 * scan in the store; the other rules are checked on each customer.
 */
export async function* membersOf(store: ReadStore, rules: SegmentRules, after?: string) {
  const now = Date.now();
  const fields = await fieldTypesFor(store, rules.fields ?? []);
  const base: Filter = {
    ...(rules.categories ? { category: { $in: rules.categories } } : {}),
    ...(rules.ownerIds ? { ownerId: { $in: rules.ownerIds } } : {}),
  };
  for (let exhausted = false; !exhausted;) {
    const page = await store.find<CustomerDoc>(
      collections.customers,
      { ...base, ...(after ? { _id: { $gt: after } } : {}) },
      { sort: [['_id', 1]], limit: SCAN },
    );
    for (const c of page.items) {
      after = c._id;
      if (matches(rules, c, now, fields)) yield c;
    }
    exhausted = page.items.length < SCAN;
  }
}
