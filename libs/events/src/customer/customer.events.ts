import { type BusinessDay, type Event } from '../envelope';
import { type Reassignment } from '../staff/staff.events';
import { type CustomFieldValuesSet } from '../custom-field/custom-field.events';

export type CustomerKind = 'company' | 'person';

export type PostalAddress = {
  street?: string;
  city?: string;
  /** The county or region (maakond), for regional statistics. */
  county?: string;
  postalCode?: string;
  country?: string;
};

/** An address with what it is for ("billing", "delivery", "home"). */
export type LabelledAddress = PostalAddress & { label?: string };

export const customerCategories = [
  'potential',
  'prospective',
  'small',
  'medium',
  'large',
  'top',
] as const;
export type CustomerCategory = (typeof customerCategories)[number];

export const familyStatuses = ['single', 'married', 'cohabiting', 'divorced', 'widowed'] as const;
export type FamilyStatus = (typeof familyStatuses)[number];

/** Social styles, the usual way sales teams note how a customer decides. */
export const decisionStyles = ['analytical', 'amiable', 'expressive', 'driver'] as const;
export type DecisionStyle = (typeof decisionStyles)[number];

export const contactChannels = ['email', 'phone', 'sms', 'meeting', 'video', 'post'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export const consentChannels = ['email', 'sms', 'phone', 'post'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/** The languages documents and messages to a customer are written in. */
export const customerLanguages = ['et', 'en', 'lt', 'hu'] as const;
export type CustomerLanguage = (typeof customerLanguages)[number];

/** `null` clears a value. */
export type Demographics = {
  birthDate?: BusinessDay | null;
  familyStatus?: FamilyStatus | null;
  children?: number | null;
  homeCity?: string | null;
};

export type Psychographics = {
  interests?: string[];
  decisionStyle?: DecisionStyle | null;
  communicationPreferences?: ContactChannel[];
  notes?: string | null;
};

/** The profile fields an update may change; only the ones that changed are in the event. */
export type ProfileChanges = {
  name?: string;
  emails?: string[];
  phones?: string[];
  addresses?: LabelledAddress[];
  website?: string | null;
  /** What invoices and messages to the customer are written in; null: the default. */
  preferredLanguage?: CustomerLanguage | null;
  demographic?: Demographics;
  psychographic?: Psychographics;
};

export type CustomerRegistered = Event<
  'CustomerRegistered',
  {
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
    /**
     * Where the customer came from: the source of the lead it was converted from, or what
     * registering it said (a referral, a walk-in).
     */
    source?: string;
    registeredAt: string;
  }
>;

/** The customer's owner changed: assigned by a manager, or moved in a hand-over. */
export type CustomerReassigned = Event<'CustomerReassigned', Reassignment>;

export type CustomerProfileUpdated = Event<
  'CustomerProfileUpdated',
  { customerId: string; changes: ProfileChanges; updatedAt: string }
>;

export type ContactPerson = {
  contactId: string;
  name: string;
  role?: string;
  email?: string;
  phone?: string;
};

export type ContactPersonAdded = Event<
  'ContactPersonAdded',
  { customerId: string; addedAt: string } & ContactPerson
>;
export type ContactPersonUpdated = Event<
  'ContactPersonUpdated',
  {
    customerId: string;
    contactId: string;
    changes: { name?: string; role?: string | null; email?: string | null; phone?: string | null };
    updatedAt: string;
  }
>;
export type ContactPersonRemoved = Event<
  'ContactPersonRemoved',
  { customerId: string; contactId: string; reason?: string; removedAt: string }
>;

export type CustomerCategorized = Event<
  'CustomerCategorized',
  {
    customerId: string;
    category: CustomerCategory;
    previousCategory: CustomerCategory | null;
    reason: string;
    categorizedAt: string;
  }
>;

export type CustomerTagged = Event<
  'CustomerTagged',
  { customerId: string; tags: string[]; taggedAt: string }
>;
export type CustomerUntagged = Event<
  'CustomerUntagged',
  { customerId: string; tags: string[]; untaggedAt: string }
>;

export type MarketingConsentRecorded = Event<
  'MarketingConsentRecorded',
  {
    customerId: string;
    channel: ConsentChannel;
    source: string;
    /** When the customer gave it (may precede the recording). */
    givenAt: string;
    recordedAt: string;
  }
>;
export type MarketingConsentWithdrawn = Event<
  'MarketingConsentWithdrawn',
  { customerId: string; channel: ConsentChannel; source: string; withdrawnAt: string }
>;

/** Company facts from a business registry, kept as the registry gave them. */
export type RegistryFacts = {
  registry: string;
  registryCode: string;
  legalName: string;
  legalForm?: string;
  address?: PostalAddress;
  status?: string;
  vatNumber?: string;
  activityCodes?: { code: string; name?: string }[];
  retrievedAt?: string;
};

export type RegistryDataImported = Event<
  'RegistryDataImported',
  { customerId: string; facts: RegistryFacts; importedAt: string }
>;

export type CustomerArchived = Event<
  'CustomerArchived',
  { customerId: string; reason?: string; archivedAt: string }
>;
export type CustomerRestored = Event<
  'CustomerRestored',
  { customerId: string; reason?: string; restoredAt: string }
>;

/**
 * A lead was converted into this customer, which existed before it: from now on the lead's
 * personal data is the customer's, erased with it.
 */
export type LeadJoined = Event<
  'LeadJoined',
  { customerId: string; leadId: string; joinedAt: string }
>;

/**
 * The customer's personal data was erased on request: the keys its personal fields were
 * sealed with (the customer's and those of the leads it came from) are destroyed, so every
 * earlier event now reads with those fields erased; amounts, dates and stages stay.
 */
export type CustomerPersonalDataErased = Event<
  'CustomerPersonalDataErased',
  { customerId: string; leadIds: string[]; reason: string; erasedAt: string }
>;

export type CustomerEvent =
  | CustomerRegistered
  | CustomerReassigned
  | CustomerProfileUpdated
  | ContactPersonAdded
  | ContactPersonUpdated
  | ContactPersonRemoved
  | CustomerCategorized
  | CustomerTagged
  | CustomerUntagged
  | MarketingConsentRecorded
  | MarketingConsentWithdrawn
  | RegistryDataImported
  | CustomerArchived
  | CustomerRestored
  | LeadJoined
  | CustomerPersonalDataErased
  | CustomFieldValuesSet;

const customerEventTypes: Readonly<Record<CustomerEvent['type'], true>> = {
  CustomerRegistered: true,
  CustomerReassigned: true,
  CustomerProfileUpdated: true,
  ContactPersonAdded: true,
  ContactPersonUpdated: true,
  ContactPersonRemoved: true,
  CustomerCategorized: true,
  CustomerTagged: true,
  CustomerUntagged: true,
  MarketingConsentRecorded: true,
  MarketingConsentWithdrawn: true,
  RegistryDataImported: true,
  CustomerArchived: true,
  CustomerRestored: true,
  LeadJoined: true,
  CustomerPersonalDataErased: true,
  CustomFieldValuesSet: true,
};

/** Whether an event belongs to the customer stream itself. */
export const isCustomerEvent = (event: { type: string }): event is CustomerEvent =>
  Object.hasOwn(customerEventTypes, event.type);
