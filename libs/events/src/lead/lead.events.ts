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
    createdAt: string;
  }
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

export type LeadReassigned = Event<'LeadReassigned', { leadId: string } & OwnerChange>;

export type LeadEvent =
  LeadCreated | LeadQualified | LeadDisqualified | LeadConverted | LeadReassigned;
