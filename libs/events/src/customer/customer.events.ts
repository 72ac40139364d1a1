import { type Event } from '../envelope';

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

export type CustomerEvent = CustomerRegistered;
