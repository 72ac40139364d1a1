import { type Event } from '../envelope';
import { type OwnerChange } from '../staff/staff.events';

export type LeadCreated = Event<
  'LeadCreated',
  {
    leadId: string;
    personName: string;
    companyName?: string;
    email?: string;
    phone?: string;
    source: string;
    ownerId: string;
    /** What the person wrote (a web form's message). */
    message?: string;
    createdAt: string;
  }
>;
/**
 * A new lead was routed to its owner by a routing rule (the event's actor): to a member, or to
 * the member whose turn it was in a team.
 */
export type LeadRouted = Event<
  'LeadRouted',
  { leadId: string; ruleId: string; teamId?: string; ownerId: string; routedAt: string }
>;
export type LeadQualified = Event<
  'LeadQualified',
  { leadId: string; note?: string; qualifiedAt: string }
>;
export type LeadDisqualified = Event<
  'LeadDisqualified',
  { leadId: string; reason: string; disqualifiedAt: string }
>;
export type LeadConverted = Event<
  'LeadConverted',
  { leadId: string; customerId: string; dealId: string; pipelineId: string; convertedAt: string }
>;

/** The lead's details a correction may change. */
export const leadDetails = ['personName', 'companyName', 'email', 'phone'] as const;
export type LeadDetail = (typeof leadDetails)[number];

/**
 * A lead's details were corrected: the details as they are now (an absent optional one was
 * removed), and which of them changed.
 */
export type LeadDetailsChanged = Event<
  'LeadDetailsChanged',
  {
    leadId: string;
    personName: string;
    companyName?: string;
    email?: string;
    phone?: string;
    changed: LeadDetail[];
    changedAt: string;
  }
>;

export type LeadReassigned = Event<'LeadReassigned', { leadId: string } & OwnerChange>;

/**
 * A lead's personal data was erased on request (a lead that never became a customer; a
 * converted one is erased with its customer): its key is destroyed.
 */
export type LeadPersonalDataErased = Event<
  'LeadPersonalDataErased',
  { leadId: string; reason: string; erasedAt: string }
>;

export type LeadEvent =
  | LeadRouted
  | LeadCreated
  | LeadDetailsChanged
  | LeadQualified
  | LeadDisqualified
  | LeadConverted
  | LeadReassigned
  | LeadPersonalDataErased;
