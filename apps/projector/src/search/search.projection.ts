import { DAY_PATTERN } from '#domain';
import { type StoredEvent } from '#event-store';
import { type CustomFieldValue, ERASED } from '#events';
import { collections, phoneTerms, projections, type SearchField, words } from '#read-models';
import { type WriteOp } from '#read-store';
import { type Projection, typed, upsert } from '../projection';

type Fields = Partial<Record<SearchField, string[] | null>>;

/** The words of a custom field value: text and options; days, numbers and money have none. */
const searchable = (value: CustomFieldValue | null | undefined): string[] => {
  if (typeof value === 'string') return DAY_PATTERN.test(value) ? [] : [value];
  return Array.isArray(value) ? value : [];
};

const termsOf = (field: SearchField, values: string[]): string[] =>
  field === 'phones'
    ? values.flatMap(phoneTerms).filter((t, i, all) => all.indexOf(t) === i)
    : values.flatMap(words).filter((t, i, all) => all.indexOf(t) === i);

/**
 * One entity document per customer and contact person, and one document per word of each
 * searchable field. A field rewritten at a later position makes its older words stale: they
 * stay, but the entity's version of that field no longer matches them, so a search ignores
 * them. Every write is an upsert guarded by position, so replays change nothing.
 */
const index = (
  stored: StoredEvent,
  entity: string,
  base: {
    kind: 'customer' | 'contact' | 'lead';
    customerId: string;
    leadId?: string;
    name?: string;
  },
  fields: Fields,
  extra: Record<string, unknown> = {},
): WriteOp[] => {
  const versions = Object.fromEntries(
    Object.keys(fields).map((f) => [`versions.${f}`, stored.position]),
  );
  return [
    ...upsert(stored, collections.searchEntities, entity, {
      $set: { ...base, ...versions, ...extra },
      $setOnInsert: { hidden: false },
    }),
    ...Object.entries(fields).flatMap(([field, values]) =>
      termsOf(field as SearchField, values ?? []).flatMap((term) =>
        upsert(stored, collections.searchTerms, `${entity}|${field}|${term}`, {
          $set: {
            term,
            entity,
            field,
            version: stored.position,
            customerId: base.customerId,
            ...(field.startsWith('field_') ? { custom: true } : {}),
          },
        }),
      ),
    ),
  ];
};

/**
 * The fields an event changes, by their values (undefined: left alone). A field whose value
 * is now erased still counts as changed — to `erased` — so the rebuilt index records the same
 * versions as the live one, whose words the erasure deleted.
 */
const changedFields = (
  stored: StoredEvent,
  fields: [field: SearchField, path: string, values: string[] | undefined, erased: string[]][],
): Fields =>
  Object.fromEntries(
    fields.flatMap(([field, path, values, erased]) =>
      values !== undefined
        ? [[field, values]]
        : stored.erased?.includes(path)
          ? [[field, erased]]
          : [],
    ),
  );

/** A lead's name, company, e-mail and phone, as created or as corrected. */
const leadIndex = (
  stored: StoredEvent,
  d: { leadId: string; personName: string; companyName?: string; email?: string; phone?: string },
): WriteOp[] =>
  index(
    stored,
    `lead:${d.leadId}`,
    {
      kind: 'lead',
      customerId: `lead:${d.leadId}`,
      leadId: d.leadId,
      name: d.companyName ? `${d.personName} (${d.companyName})` : d.personName,
    },
    {
      name: [d.personName, ...(d.companyName ? [d.companyName] : [])],
      emails: d.email ? [d.email] : [],
      phones: d.phone ? [d.phone] : [],
    },
  );

export const searchProjection: Projection = {
  name: projections.search,
  indexes: [
    // Words by prefix in (term, id) order: a word a thousand entities share is paged through
    // the index, not sorted first.
    [collections.searchTerms, ['term', '_id']],
    // A lead's words move to its customer when it converts: found by the lead, not by a scan.
    [collections.searchTerms, ['entity']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'CustomerRegistered': {
          const d = event.data;
          return index(
            stored,
            `customer:${d.customerId}`,
            { kind: 'customer', customerId: d.customerId, name: d.name },
            {
              name: [d.name],
              registry: d.registryCode ? [d.registryCode] : [],
              emails: d.email ? [d.email] : [],
              phones: d.phone ? [d.phone] : [],
            },
          );
        }
        case 'CustomerProfileUpdated': {
          const { customerId, changes } = event.data;
          const fields = changedFields(stored, [
            [
              'name',
              'changes.name',
              changes.name !== undefined ? [changes.name] : undefined,
              [ERASED],
            ],
            ['emails', 'changes.emails', changes.emails, []],
            ['phones', 'changes.phones', changes.phones, []],
          ]);
          if (Object.keys(fields).length === 0) return [];
          const name = fields.name?.[0];
          return index(
            stored,
            `customer:${customerId}`,
            { kind: 'customer', customerId, ...(name ? { name } : {}) },
            fields,
          );
        }
        case 'RegistryDataImported':
          return index(
            stored,
            `customer:${event.data.customerId}`,
            { kind: 'customer', customerId: event.data.customerId },
            { registry: [event.data.facts.registryCode] },
          );
        case 'CustomerArchived':
        case 'CustomerRestored':
          return upsert(stored, collections.searchEntities, `customer:${event.data.customerId}`, {
            $set: { hidden: event.type === 'CustomerArchived' },
          });
        case 'ContactPersonAdded': {
          const d = event.data;
          return index(
            stored,
            `contact:${d.contactId}`,
            { kind: 'contact', customerId: d.customerId, name: d.name },
            {
              name: [d.name],
              emails: d.email ? [d.email] : [],
              phones: d.phone ? [d.phone] : [],
            },
          );
        }
        case 'ContactPersonUpdated': {
          const { customerId, contactId, changes } = event.data;
          const list = (value: string | null | undefined) =>
            value === undefined ? undefined : value ? [value] : [];
          const fields = changedFields(stored, [
            ['name', 'changes.name', list(changes.name), [ERASED]],
            ['emails', 'changes.email', list(changes.email), []],
            ['phones', 'changes.phone', list(changes.phone), []],
          ]);
          if (Object.keys(fields).length === 0) return [];
          const name = fields.name?.[0];
          return index(
            stored,
            `contact:${contactId}`,
            { kind: 'contact', customerId, ...(name ? { name } : {}) },
            fields,
          );
        }
        case 'CustomerPersonalDataErased': {
          // The words themselves are personal data (they are in the term documents' ids):
          // every name, e-mail and phone term of the customer and its contacts goes.
          const { customerId } = event.data;
          return [
            {
              kind: 'setWhere',
              collection: collections.searchEntities,
              where: { customerId },
              set: { name: ERASED },
            },
            ...(['name', 'emails', 'phones'] as const).map((field): WriteOp => ({
              kind: 'deleteWhere',
              collection: collections.searchTerms,
              where: { customerId, field },
            })),
            {
              kind: 'deleteWhere',
              collection: collections.searchTerms,
              where: { customerId, custom: true },
            },
          ];
        }
        case 'LeadCreated':
          return leadIndex(stored, event.data);
        case 'LeadDetailsChanged':
          // The details as they are now: each field's words are indexed again.
          return leadIndex(stored, event.data);
        case 'LeadConverted': {
          // The customer it became is found from now on; its words are that customer's data.
          const { leadId, customerId } = event.data;
          return [
            ...upsert(stored, collections.searchEntities, `lead:${leadId}`, {
              $set: { hidden: true, customerId },
            }),
            {
              kind: 'setWhere',
              collection: collections.searchTerms,
              where: { entity: `lead:${leadId}` },
              set: { customerId },
            },
          ];
        }
        case 'LeadPersonalDataErased': {
          const owner = `lead:${event.data.leadId}`;
          return [
            {
              kind: 'setWhere',
              collection: collections.searchEntities,
              where: { customerId: owner },
              set: { name: ERASED },
            },
            {
              kind: 'deleteWhere',
              collection: collections.searchTerms,
              where: { customerId: owner },
            },
          ];
        }
        case 'CustomFieldValuesSet': {
          // Text and options are found by their words; each field is a search field of its own.
          const { customerId, contactId, values, labels } = event.data;
          const fields: Fields = Object.fromEntries(
            Object.keys(labels).map((key) => [`field_${key}`, searchable(values?.[key])]),
          );
          return index(
            stored,
            contactId ? `contact:${contactId}` : `customer:${customerId}`,
            { kind: contactId ? 'contact' : 'customer', customerId },
            fields,
          );
        }
        case 'ContactPersonRemoved':
          return upsert(stored, collections.searchEntities, `contact:${event.data.contactId}`, {
            $set: { hidden: true },
          });
        default:
          return [];
      }
    }),
};
