import {
  type ConsentChannel,
  type ContactPerson,
  type ContactPersonUpdated,
  type CustomerCategory,
  type CustomerEvent,
  type CustomerKind,
  type CustomerLanguage,
  type CustomFieldValue,
  ERASED,
  type PostalAddress,
  type ProfileChanges,
  type RegistryFacts,
} from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type Reassign, reassignment } from '../staff/reassignment';
import { applyProfile, type Profile, profileDiff } from './customer-profile';
import {
  type CustomFieldDefinition,
  customFieldChanges,
  withFieldValues,
} from '../custom-field/custom-field.decider';

export type CustomerStatus = 'active' | 'archived';

export type KnownCustomer = {
  status: CustomerStatus;
  customerId: string;
  kind: CustomerKind;
  ownerId: string;
  profile: Profile;
  contacts: Record<string, ContactPerson>;
  category: CustomerCategory | null;
  tags: string[];
  consents: Partial<Record<ConsentChannel, { source: string; givenAt: string }>>;
  registry: RegistryFacts | null;
  /** The company's registry code: as registered, then as the registry last gave it. */
  registryCode: string | null;
  /** The lead the customer was converted from: its personal data is erased with the customer's. */
  sourceLeadId: string | null;
  /** Leads converted into the customer after it was registered: erased with it too. */
  joinedLeadIds: string[];
  /** When the personal data was last erased. */
  erasedAt: string | null;
  /** Custom field values of the customer, and of each contact person. */
  fieldValues: Record<string, CustomFieldValue>;
  contactFieldValues: Record<string, Record<string, CustomFieldValue>>;
};

export type CustomerState = { status: 'none' } | KnownCustomer;

export type RegisterCustomer = {
  type: 'RegisterCustomer';
  customerId: string;
  kind: CustomerKind;
  name: string;
  registryCode?: string;
  email?: string;
  phone?: string;
  address?: PostalAddress;
  preferredLanguage?: CustomerLanguage;
  ownerId: string;
  sourceLeadId?: string;
  source?: string;
  now: string;
};

type On<T extends string, Rest = object> = { type: T; customerId: string; now: string } & Rest;

/** `today`: the business's day, the latest a birth date may be. */
export type UpdateCustomerProfile = On<
  'UpdateCustomerProfile',
  { changes: ProfileChanges; today: string }
>;
export type AddContactPerson = On<'AddContactPerson', { contact: ContactPerson }>;
export type UpdateContactPerson = On<
  'UpdateContactPerson',
  { contactId: string; changes: ContactPersonUpdated['data']['changes'] }
>;
export type RemoveContactPerson = On<'RemoveContactPerson', { contactId: string; reason?: string }>;
export type CategorizeCustomer = On<
  'CategorizeCustomer',
  { category: CustomerCategory; reason: string }
>;
export type TagCustomer = On<'TagCustomer', { add: string[]; remove: string[] }>;
/**
 * Sets custom field values of the customer, or of one contact (`contactId`); `fields` are the
 * field definitions, as the handler read them.
 */
export type SetCustomFieldValues = On<
  'SetCustomFieldValues',
  {
    contactId?: string;
    values: Record<string, unknown>;
    fields: Readonly<Record<string, CustomFieldDefinition>>;
  }
>;
export type RecordMarketingConsent = On<
  'RecordMarketingConsent',
  { channel: ConsentChannel; source: string; givenAt: string }
>;
export type WithdrawMarketingConsent = On<
  'WithdrawMarketingConsent',
  {
    channel: ConsentChannel;
    source: string;
    /** Only this consent (when it was given): a link sent under an earlier one changes nothing. */
    consentGivenAt?: string;
  }
>;
export type ImportRegistryData = On<'ImportRegistryData', { facts: RegistryFacts }>;
export type ArchiveCustomer = On<'ArchiveCustomer', { reason?: string }>;
export type RestoreCustomer = On<'RestoreCustomer', { reason?: string }>;
/** A lead converted into this customer, which exists already. */
export type JoinLead = On<'JoinLead', { leadId: string }>;
/** Erasure on request; the keys are destroyed by the handler, the decider records the fact. */
export type EraseCustomerPersonalData = On<'EraseCustomerPersonalData', { reason: string }>;

export type CustomerCommand =
  | RegisterCustomer
  | Reassign
  | UpdateCustomerProfile
  | AddContactPerson
  | UpdateContactPerson
  | RemoveContactPerson
  | CategorizeCustomer
  | TagCustomer
  | SetCustomFieldValues
  | RecordMarketingConsent
  | WithdrawMarketingConsent
  | ImportRegistryData
  | ArchiveCustomer
  | RestoreCustomer
  | JoinLead
  | EraseCustomerPersonalData;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const contactOf = (customer: KnownCustomer, contactId: string) => {
  const contact = customer.contacts[contactId];
  if (!contact) throw notFound('contact', contactId);
  return contact;
};

const register = (command: RegisterCustomer, state: CustomerState): CustomerEvent[] => {
  if (state.status !== 'none') throw alreadyExists('customer', command.customerId);
  if (command.name.trim() === '') throw violated('name-required', 'A customer needs a name');
  const { type: _type, now, ...data } = command;
  return [{ type: 'CustomerRegistered', data: { ...data, registeredAt: now } }];
};

const reassign = (command: Reassign, customer: KnownCustomer): CustomerEvent[] => {
  // An archived customer is closed: a hand-over leaves it with its owner.
  if (customer.status === 'archived') {
    if (command.handOver) return [];
    throw violated('customer-archived', 'An archived customer must be restored first');
  }
  const moved = reassignment({ what: 'customer', ownerId: customer.ownerId, open: true }, command);
  return moved
    ? [{ type: 'CustomerReassigned', data: { customerId: customer.customerId, ...moved } }]
    : [];
};

/** Every command but RegisterCustomer, Reassign, erasure and RestoreCustomer needs an active customer. */
const onActive = (
  command: Exclude<CustomerCommand, RegisterCustomer | Reassign | EraseCustomerPersonalData>,
  customer: KnownCustomer,
): CustomerEvent[] => {
  const customerId = customer.customerId;
  const now = command.now;
  switch (command.type) {
    case 'UpdateCustomerProfile': {
      if (command.changes.name !== undefined && command.changes.name.trim() === '')
        throw violated('name-required', 'A customer needs a name');
      const birth = command.changes.demographic?.birthDate;
      if (birth && birth > command.today)
        throw violated('birth-date-in-future', 'A birth date cannot be in the future');
      const changes = profileDiff(customer.profile, command.changes);
      if (Object.keys(changes).length === 0) return [];
      return [{ type: 'CustomerProfileUpdated', data: { customerId, changes, updatedAt: now } }];
    }
    case 'AddContactPerson': {
      if (customer.contacts[command.contact.contactId])
        throw alreadyExists('contact', command.contact.contactId);
      if (command.contact.name.trim() === '')
        throw violated('name-required', 'A contact person needs a name');
      return [
        { type: 'ContactPersonAdded', data: { customerId, ...command.contact, addedAt: now } },
      ];
    }
    case 'UpdateContactPerson': {
      const contact = contactOf(customer, command.contactId);
      const changes = Object.fromEntries(
        Object.entries(command.changes as Record<string, unknown>).filter(
          ([key, value]) =>
            value !== undefined && !same(value, contact[key as keyof ContactPerson]),
        ),
      );
      if (Object.keys(changes).length === 0) return [];
      return [
        {
          type: 'ContactPersonUpdated',
          data: { customerId, contactId: command.contactId, changes, updatedAt: now },
        },
      ];
    }
    case 'RemoveContactPerson':
      contactOf(customer, command.contactId);
      return [
        {
          type: 'ContactPersonRemoved',
          data: {
            customerId,
            contactId: command.contactId,
            ...(command.reason ? { reason: command.reason } : {}),
            removedAt: now,
          },
        },
      ];
    case 'SetCustomFieldValues': {
      const { contactId } = command;
      if (contactId) contactOf(customer, contactId);
      const { values, labels } = customFieldChanges(
        command.fields,
        contactId ? 'contact' : 'customer',
        (contactId ? customer.contactFieldValues[contactId] : customer.fieldValues) ?? {},
        command.values,
      );
      if (Object.keys(values).length === 0) return [];
      return [
        {
          type: 'CustomFieldValuesSet',
          data: { customerId, ...(contactId ? { contactId } : {}), values, labels, setAt: now },
        },
      ];
    }
    case 'CategorizeCustomer':
      if (command.reason.trim() === '')
        throw violated('reason-required', 'A category change needs a reason');
      if (customer.category === command.category) return [];
      return [
        {
          type: 'CustomerCategorized',
          data: {
            customerId,
            category: command.category,
            previousCategory: customer.category,
            reason: command.reason,
            categorizedAt: now,
          },
        },
      ];
    case 'TagCustomer': {
      if (command.add.some((t) => command.remove.includes(t)))
        throw violated('tag-added-and-removed', 'A tag cannot be added and removed at once');
      const added = [...new Set(command.add)].filter((t) => !customer.tags.includes(t));
      const removed = [...new Set(command.remove)].filter((t) => customer.tags.includes(t));
      return [
        ...(added.length > 0
          ? [{ type: 'CustomerTagged' as const, data: { customerId, tags: added, taggedAt: now } }]
          : []),
        ...(removed.length > 0
          ? [
              {
                type: 'CustomerUntagged' as const,
                data: { customerId, tags: removed, untaggedAt: now },
              },
            ]
          : []),
      ];
    }
    case 'RecordMarketingConsent':
      if (command.givenAt > now)
        throw violated('consent-in-future', 'Consent cannot be given in the future');
      if (customer.consents[command.channel]) return [];
      return [
        {
          type: 'MarketingConsentRecorded',
          data: {
            customerId,
            channel: command.channel,
            source: command.source,
            givenAt: command.givenAt,
            recordedAt: now,
          },
        },
      ];
    case 'WithdrawMarketingConsent': {
      const consent = customer.consents[command.channel];
      if (!consent) return [];
      if (
        command.consentGivenAt !== undefined &&
        Date.parse(command.consentGivenAt) !== Date.parse(consent.givenAt)
      )
        return [];
      return [
        {
          type: 'MarketingConsentWithdrawn',
          data: { customerId, channel: command.channel, source: command.source, withdrawnAt: now },
        },
      ];
    }
    case 'ImportRegistryData':
      if (customer.kind !== 'company')
        throw violated('not-a-company', 'Registry data belongs to companies');
      // Facts fetched again unchanged are no news: when they were retrieved is not a fact.
      if (
        same(customer.registry && { ...customer.registry, retrievedAt: null }, {
          ...command.facts,
          retrievedAt: null,
        })
      )
        return [];
      return [
        {
          type: 'RegistryDataImported',
          data: { customerId, facts: command.facts, importedAt: now },
        },
      ];
    case 'ArchiveCustomer':
      return [
        {
          type: 'CustomerArchived',
          data: {
            customerId,
            ...(command.reason ? { reason: command.reason } : {}),
            archivedAt: now,
          },
        },
      ];
    case 'RestoreCustomer':
      throw violated('customer-active', 'Only an archived customer can be restored');
    case 'JoinLead':
      if (leadsOf(customer).includes(command.leadId)) return [];
      return [{ type: 'LeadJoined', data: { customerId, leadId: command.leadId, joinedAt: now } }];
    default:
      return unreachable(command);
  }
};

/** Every lead the customer came from: the one it was registered from, and those joined later. */
export const leadsOf = (customer: KnownCustomer): string[] => [
  ...(customer.sourceLeadId ? [customer.sourceLeadId] : []),
  ...customer.joinedLeadIds,
];

const decide = (command: CustomerCommand, state: CustomerState): CustomerEvent[] => {
  if (command.type === 'RegisterCustomer') return register(command, state);
  if (state.status === 'none')
    throw notFound('customer', command.type === 'Reassign' ? command.itemId : command.customerId);
  if (command.type === 'Reassign') return reassign(command, state);
  // Archived or not: the right to erasure does not wait for a restore.
  if (command.type === 'EraseCustomerPersonalData') {
    if (command.reason.trim() === '')
      throw violated('reason-required', 'An erasure records why it was done');
    return [
      {
        type: 'CustomerPersonalDataErased',
        data: {
          customerId: state.customerId,
          leadIds: leadsOf(state),
          reason: command.reason,
          erasedAt: command.now,
        },
      },
    ];
  }
  if (state.status === 'archived') {
    if (command.type !== 'RestoreCustomer')
      throw violated('customer-archived', 'An archived customer must be restored first');
    return [
      {
        type: 'CustomerRestored',
        data: {
          customerId: state.customerId,
          ...(command.reason ? { reason: command.reason } : {}),
          restoredAt: command.now,
        },
      },
    ];
  }
  return onActive(command, state);
};

const registered = (
  event: Extract<CustomerEvent, { type: 'CustomerRegistered' }>,
): KnownCustomer => {
  const {
    customerId,
    name,
    kind,
    ownerId,
    email,
    phone,
    address,
    sourceLeadId,
    registryCode,
    preferredLanguage,
  } = event.data;
  return {
    status: 'active',
    customerId,
    kind,
    ownerId,
    profile: {
      name,
      emails: email ? [email] : [],
      phones: phone ? [phone] : [],
      addresses: address ? [address] : [],
      website: null,
      preferredLanguage: preferredLanguage ?? null,
      demographic: {},
      psychographic: {},
    },
    contacts: {},
    category: null,
    tags: [],
    consents: {},
    registry: null,
    registryCode: registryCode ?? null,
    sourceLeadId: sourceLeadId ?? null,
    joinedLeadIds: [],
    erasedAt: null,
    fieldValues: {},
    contactFieldValues: {},
  };
};

const evolve = (state: CustomerState, event: CustomerEvent): CustomerState => {
  if (event.type === 'CustomerRegistered') return registered(event);
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CustomerReassigned':
      return { ...state, ownerId: event.data.toStaffId };
    case 'CustomerProfileUpdated':
      return { ...state, profile: applyProfile(state.profile, event.data.changes) };
    case 'ContactPersonAdded': {
      const { customerId: _c, addedAt: _a, ...contact } = event.data;
      return { ...state, contacts: { ...state.contacts, [contact.contactId]: contact } };
    }
    case 'ContactPersonUpdated': {
      const current = state.contacts[event.data.contactId];
      if (!current) return state;
      const merged = Object.entries({ ...current, ...event.data.changes }).filter(
        ([, value]) => value !== null,
      );
      return {
        ...state,
        contacts: {
          ...state.contacts,
          [event.data.contactId]: Object.fromEntries(merged) as ContactPerson,
        },
      };
    }
    case 'ContactPersonRemoved': {
      const { [event.data.contactId]: _gone, ...contacts } = state.contacts;
      const { [event.data.contactId]: _values, ...contactFieldValues } = state.contactFieldValues;
      return { ...state, contacts, contactFieldValues };
    }
    case 'CustomFieldValuesSet': {
      const { contactId, values = {} } = event.data;
      if (!contactId) return { ...state, fieldValues: withFieldValues(state.fieldValues, values) };
      return {
        ...state,
        contactFieldValues: {
          ...state.contactFieldValues,
          [contactId]: withFieldValues(state.contactFieldValues[contactId] ?? {}, values),
        },
      };
    }
    case 'CustomerCategorized':
      return { ...state, category: event.data.category };
    case 'CustomerTagged':
      return { ...state, tags: [...state.tags, ...event.data.tags] };
    case 'CustomerUntagged':
      return { ...state, tags: state.tags.filter((t) => !event.data.tags.includes(t)) };
    case 'MarketingConsentRecorded':
      return {
        ...state,
        consents: {
          ...state.consents,
          [event.data.channel]: { source: event.data.source, givenAt: event.data.givenAt },
        },
      };
    case 'MarketingConsentWithdrawn': {
      const { [event.data.channel]: _gone, ...consents } = state.consents;
      return { ...state, consents };
    }
    case 'RegistryDataImported':
      return { ...state, registry: event.data.facts, registryCode: event.data.facts.registryCode };
    case 'CustomerArchived':
      return { ...state, status: 'archived' };
    case 'CustomerRestored':
      return { ...state, status: 'active' };
    case 'LeadJoined':
      return { ...state, joinedLeadIds: [...state.joinedLeadIds, event.data.leadId] };
    case 'CustomerPersonalDataErased':
      // What later reads of the log will show: a state folded before the erasure forgets too.
      return {
        ...state,
        profile: {
          ...state.profile,
          name: ERASED,
          emails: [],
          phones: [],
          addresses: [],
          demographic: {},
          psychographic: {},
        },
        contacts: Object.fromEntries(
          Object.entries(state.contacts).map(([id, c]) => [
            id,
            { contactId: c.contactId, name: ERASED, ...(c.role ? { role: c.role } : {}) },
          ]),
        ),
        registry: state.registry
          ? (({ address: _a, ...facts }) => ({ ...facts, legalName: ERASED }))(state.registry)
          : null,
        erasedAt: event.data.erasedAt,
        fieldValues: {},
        contactFieldValues: {},
      };
    default:
      return unreachable(event);
  }
};

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
