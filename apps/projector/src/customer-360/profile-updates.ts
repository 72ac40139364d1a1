import { type CustomerEvent, ERASED, type ProfileChanges } from '#events';
import { type Doc, type Update } from '#read-store';

const nested = (prefix: string, part: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(part ?? {}).map(([k, v]) => [`${prefix}.${k}`, v]));

const profileSet = ({ demographic, psychographic, ...top }: ProfileChanges) => ({
  ...top,
  ...nested('demographic', demographic),
  ...nested('psychographic', psychographic),
});

/** Fields below `at` set to their values, and removed where the value is null. */
const changesAt = (at: string, changes: Record<string, unknown>): Update => {
  const entries = Object.entries(changes);
  const set = entries.filter(([, v]) => v !== null);
  const unset = entries.filter(([, v]) => v === null);
  return {
    ...(set.length > 0 ? { $set: Object.fromEntries(set.map(([k, v]) => [`${at}.${k}`, v])) } : {}),
    ...(unset.length > 0
      ? { $unset: Object.fromEntries(unset.map(([k]) => [`${at}.${k}`, true as const])) }
      : {}),
  };
};

/**
 * How each customer event changes the customer document. Contacts, tags and consents are
 * keyed maps (`contacts.<id>`, `tagSet.<tag>`, `consents.<channel>`) so that each event is one
 * `$set` or `$unset`; the query API turns them into lists.
 */
export const customerUpdate = (event: CustomerEvent): Update => {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId: _c, email, phone, address, ...rest } = event.data;
      return {
        $set: {
          ...rest,
          ...(email ? { email } : {}),
          ...(phone ? { phone } : {}),
          ...(address ? { address } : {}),
          emails: email ? [email] : [],
          phones: phone ? [phone] : [],
          addresses: address ? [address] : [],
          status: 'active',
        },
      };
    }
    case 'CustomerReassigned':
      return { $set: { ownerId: event.data.toStaffId } };
    case 'CustomerProfileUpdated':
      return { $set: profileSet(event.data.changes) };
    case 'ContactPersonAdded': {
      const { customerId: _c, addedAt: _a, ...contact } = event.data;
      return { $set: { [`contacts.${contact.contactId}`]: contact } };
    }
    case 'ContactPersonUpdated':
      return changesAt(`contacts.${event.data.contactId}`, event.data.changes);
    case 'ContactPersonRemoved':
      return { $unset: { [`contacts.${event.data.contactId}`]: true } };
    case 'CustomerCategorized':
      return {
        $set: {
          category: event.data.category,
          categoryReason: event.data.reason,
          categorizedAt: event.data.categorizedAt,
        },
      };
    case 'CustomerTagged':
      return { $set: Object.fromEntries(event.data.tags.map((t) => [`tagSet.${t}`, true])) };
    case 'CustomerUntagged':
      return {
        $unset: Object.fromEntries(event.data.tags.map((t) => [`tagSet.${t}`, true as const])),
      };
    case 'MarketingConsentRecorded':
      return {
        $set: {
          [`consents.${event.data.channel}`]: {
            source: event.data.source,
            givenAt: event.data.givenAt,
          },
        },
      };
    case 'MarketingConsentWithdrawn':
      return { $unset: { [`consents.${event.data.channel}`]: true } };
    case 'RegistryDataImported':
      return { $set: { registry: { ...event.data.facts, importedAt: event.data.importedAt } } };
    case 'CustomerArchived':
      return {
        $set: {
          status: 'archived',
          archivedAt: event.data.archivedAt,
          archiveReason: event.data.reason ?? null,
        },
      };
    case 'CustomerRestored':
      return { $set: { status: 'active', archivedAt: null, archiveReason: null } };
    case 'LeadJoined':
    case 'CustomerPersonalDataErased':
      return {};
    case 'CustomFieldValuesSet': {
      const { contactId, values = {} } = event.data;
      return changesAt(contactId ? `contacts.${contactId}.customFields` : 'customFields', values);
    }
  }
};

/**
 * What an erasure leaves of the customer document: every field the erased events would
 * give, as they read now — names erased, e-mails, phones, addresses and profiles gone —
 * so the document equals one rebuilt from the log after the erasure.
 */
export const erasure = (doc: Doc | undefined, erasedAt: string): Update => {
  const contacts = Object.keys((doc?.['contacts'] as Record<string, unknown> | undefined) ?? {});
  const registry = doc?.['registry'] !== undefined && doc['registry'] !== null;
  const categorized = typeof doc?.['categoryReason'] === 'string';
  const archived = typeof doc?.['archiveReason'] === 'string';
  return {
    $set: {
      name: ERASED,
      emails: [],
      phones: [],
      addresses: [],
      ...Object.fromEntries(contacts.map((id) => [`contacts.${id}.name`, ERASED])),
      ...(registry ? { 'registry.legalName': ERASED } : {}),
      ...(categorized ? { categoryReason: ERASED } : {}),
      ...(archived ? { archiveReason: null } : {}),
      personalDataErasedAt: erasedAt,
    },
    $unset: {
      email: true,
      phone: true,
      address: true,
      website: true,
      demographic: true,
      psychographic: true,
      customFields: true,
      ...Object.fromEntries(
        contacts.flatMap((id) => [
          [`contacts.${id}.email`, true as const],
          [`contacts.${id}.phone`, true as const],
          [`contacts.${id}.customFields`, true as const],
        ]),
      ),
      ...(registry ? { 'registry.address': true as const } : {}),
    },
  };
};
