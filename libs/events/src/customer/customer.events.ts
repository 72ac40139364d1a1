import { type Event } from '../envelope';
import { type Reassignment } from '../staff/staff.events';

export type CustomerKind = 'company' | 'person';

export type PostalAddress = {
  street?: string;
  city?: string;
  postalCode?: string;
  country?: string;
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
    ownerId: string;
    sourceLeadId?: string;
    registeredAt: string;
  }
>;

/** The customer's owner changed: assigned by a manager, or moved in a hand-over. */
export type CustomerReassigned = Event<'CustomerReassigned', Reassignment>;

export type CustomerEvent = CustomerRegistered | CustomerReassigned;
