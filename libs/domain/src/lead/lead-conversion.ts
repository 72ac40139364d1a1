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

/**
 * The contact person a lead brings to a customer it joins: as for a new customer, unless the
 * customer has that person already — a contact with the lead's e-mail (case ignored), or, when
 * the lead has none, with its person's name.
 */
export const contactJoining = (
  lead: ConvertedLead,
  customer: { kind: CustomerKind; contacts: Readonly<Record<string, ContactPerson>> },
  contactId: string,
): ContactPerson | undefined => {
  const contact = contactFromLead(lead, customer.kind, contactId);
  if (!contact) return undefined;
  const email = contact.email?.toLowerCase();
  const known = Object.values(customer.contacts).some((c) =>
    email ? c.email?.toLowerCase() === email : c.name === contact.name,
  );
  return known ? undefined : contact;
};
