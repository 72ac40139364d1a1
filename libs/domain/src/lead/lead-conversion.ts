import { type ContactPerson, type CustomerKind } from '#events';

/** A lead as conversion reads it. */
export type ConvertedLead = {
  personName: string;
  companyName?: string;
  email?: string;
  phone?: string;
};

/**
 * The contact person a converted lead brings: the person the lead named, when it becomes a
 * company — with the e-mail and phone the lead had. A person customer is that person already.
 */
export const contactFromLead = (
  lead: ConvertedLead,
  kind: CustomerKind,
  contactId: string,
): ContactPerson | undefined =>
  kind === 'company' && lead.personName.trim() !== '' && lead.personName !== lead.companyName
    ? {
        contactId,
        name: lead.personName,
        ...(lead.email ? { email: lead.email } : {}),
        ...(lead.phone ? { phone: lead.phone } : {}),
      }
    : undefined;
