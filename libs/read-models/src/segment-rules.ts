import {
  type ConsentChannel,
  consentChannels,
  type CustomFieldEntity,
  type CustomFieldValue,
  type PurchaseRules,
  type SegmentRules,
} from '#events';
import { addDays, fieldMeets, parseFieldCondition } from '#domain';
import { type Filter, findAll, type ReadStore } from '#read-store';
import { ageBand, type CustomerDoc } from './customers';
import { type PurchaseDoc, purchasesMeet } from './purchases';
import { type CustomFieldDoc } from './custom-fields';
import { collections } from './names';

const lower = (values: (string | null | undefined)[]) =>
  values.filter((v): v is string => typeof v === 'string').map((v) => v.toLocaleLowerCase());

const daysBetween = (from: string, to: number) => (to - Date.parse(from)) / 86_400_000;

/** The types of the custom fields rules name, by key. */
export type FieldTypes = ReadonlyMap<string, Pick<CustomFieldDoc, 'entity' | 'fieldType'>>;

/**
 * Whether every condition holds for the field it names, of one of `entities`, on the values
 * `valuesOf` gives for that kind of record (any of them). A field no longer known, or of
 * another kind of record, meets nothing.
 */
const conditionsHold = (
  conditions: readonly string[],
  fields: FieldTypes,
  valuesOf: (entity: CustomFieldEntity) => (Record<string, CustomFieldValue> | undefined)[],
): boolean =>
  conditions.every((text) => {
    const condition = parseFieldCondition(text);
    const field = condition && fields.get(condition.key);
    if (!condition || !field) return false;
    return valuesOf(field.entity).some((values) =>
      fieldMeets(field.fieldType, values?.[condition.key], condition),
    );
  });

/**
 * Whether a customer meets every custom field condition: a customer field's own value, or a
 * contact field's value on one of its contacts.
 */
export const meetsFields = (conditions: string[], c: CustomerDoc, fields: FieldTypes): boolean =>
  conditionsHold(conditions, fields, (entity) =>
    entity === 'customer'
      ? [c.customFields]
      : entity === 'contact'
        ? Object.values(c.contacts ?? {}).map((contact) => contact.customFields)
        : [],
  );

/** Whether a deal's values meet every condition on deal fields. */
export const dealMeetsFields = (
  conditions: readonly string[],
  values: Record<string, CustomFieldValue> | undefined,
  fields: FieldTypes,
): boolean => conditionsHold(conditions, fields, (entity) => (entity === 'deal' ? [values] : []));

/** The field types named by conditions, read once per question. */
export const fieldTypesFor = async (
  store: ReadStore,
  conditions: readonly string[],
): Promise<FieldTypes> => {
  const keys = conditions.flatMap((text) => parseFieldCondition(text)?.key ?? []);
  return store.getMany<CustomFieldDoc>(collections.customFields, keys);
};

/** Whether the time since the last contact meets the rules on it, at `now`. */
export const contactMeets = (
  rules: Pick<SegmentRules, 'contactedWithinDays' | 'notContactedForDays'>,
  last: string | undefined,
  now: number,
): boolean => {
  if (rules.contactedWithinDays !== undefined)
    if (!last || daysBetween(last, now) > rules.contactedWithinDays) return false;
  if (rules.notContactedForDays !== undefined)
    if (last && daysBetween(last, now) < rules.notContactedForDays) return false;
  return true;
};

/** Whether a customer belongs to a segment now: every rule given holds. */
export const matches = (
  rules: SegmentRules,
  c: CustomerDoc,
  now: number,
  fields: FieldTypes = new Map(),
  today = new Date(now).toISOString().slice(0, 10),
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
  if (!contactMeets(rules, c.lastContactAt, now)) return false;
  if (rules.fields && !meetsFields(rules.fields, c, fields)) return false;
  const born = c.demographic?.birthDate;
  if (rules.ageBands) if (!born || !rules.ageBands.includes(ageBand(born, today))) return false;
  if (rules.familyStatuses) {
    const status = c.demographic?.familyStatus;
    if (!status || !rules.familyStatuses.includes(status)) return false;
  }
  if (rules.hasChildren !== undefined) {
    const children = c.demographic?.children;
    if (children === undefined || children === null) return false;
    if (children > 0 !== rules.hasChildren) return false;
  }
  return true;
};

/** Consent per channel, as a mass mailing would see it. */
export const consentOf = (c: CustomerDoc) =>
  Object.fromEntries(
    consentChannels.map((channel) => [channel, Boolean(c.consents?.[channel])]),
  ) as Record<ConsentChannel, boolean>;

const SCAN = 200;

/**
 * The sales of these customers that purchase rules look at, by customer: not voided, from the
 * start of the earliest window a rule needs (recency rules need the last sale of all).
 */
const purchasesOf = async (
  store: ReadStore,
  customerIds: string[],
  rules: PurchaseRules,
  today: string,
): Promise<Map<string, PurchaseDoc[]>> => {
  const byCustomer = new Map<string, PurchaseDoc[]>();
  if (customerIds.length === 0) return byCustomer;
  const recency = rules.lastWithinDays !== undefined || rules.noneForDays !== undefined;
  const since =
    rules.withinDays !== undefined && !recency ? addDays(today, -rules.withinDays) : undefined;
  const sales = await findAll<PurchaseDoc>(store, collections.purchases, {
    customerId: { $in: customerIds },
    void: false,
    ...(since ? { issuedOn: { $gte: since } } : {}),
  });
  for (const sale of sales) {
    const list = byCustomer.get(sale.customerId) ?? [];
    list.push(sale);
    byCustomer.set(sale.customerId, list);
  }
  return byCustomer;
};

/** What rules are checked against: the moment, its day, and the types of the fields named. */
export type RuleContext = { now: number; today: string; fields: FieldTypes };

/**
 * The moment to check rules at and the business's day then (where the business is: ages and
 * purchase windows count in its days), with the field types the rules name read once.
 */
export const ruleContext = async (
  store: ReadStore,
  rules: SegmentRules,
  now: number,
  today: string,
): Promise<RuleContext> => ({
  now,
  today,
  fields: await fieldTypesFor(store, rules.fields ?? []),
});

/** Of these customers, the ones that meet every rule (purchase rules read their sales). */
export const meeting = async (
  store: ReadStore,
  rules: SegmentRules,
  customers: CustomerDoc[],
  { now, today, fields }: RuleContext,
): Promise<CustomerDoc[]> => {
  const candidates = customers.filter((c) => matches(rules, c, now, fields, today));
  const { purchases } = rules;
  if (!purchases) return candidates;
  const bought = await purchasesOf(
    store,
    candidates.map((c) => c._id),
    purchases,
    today,
  );
  return candidates.filter((c) => purchasesMeet(purchases, bought.get(c._id) ?? [], today));
};

/**
 * The customers matching the rules now, by id, after `after`. Categories and owners narrow the
 * scan in the store; the other rules are checked on each customer.
 */
export async function* membersOf(
  store: ReadStore,
  rules: SegmentRules,
  after: string | undefined,
  at: RuleContext,
) {
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
    yield* await meeting(store, rules, page.items, at);
    after = page.items.at(-1)?._id ?? after;
    exhausted = page.items.length < SCAN;
  }
}
