import { type CustomerEvent, type CustomerKind, type PostalAddress } from '#events';
import { alreadyExists, type Decider, violated } from '../decider';

export type CustomerState =
  | { status: 'none' }
  | { status: 'active'; customerId: string; name: string; kind: CustomerKind; ownerId: string };

export type RegisterCustomer = {
  type: 'RegisterCustomer';
  customerId: string;
  kind: CustomerKind;
  name: string;
  registryCode?: string;
  email?: string;
  phone?: string;
  address?: PostalAddress;
  ownerId: string;
  sourceLeadId?: string;
  now: string;
};

export type CustomerCommand = RegisterCustomer;

/** One command so far; further customer commands join as cases of a switch. */
const decide = (command: CustomerCommand, state: CustomerState): CustomerEvent[] => {
  if (state.status !== 'none') throw alreadyExists('customer', command.customerId);
  if (command.name.trim() === '') throw violated('name-required', 'A customer needs a name');
  const { type: _type, now, ...data } = command;
  return [{ type: 'CustomerRegistered', data: { ...data, registeredAt: now } }];
};

const evolve = (_state: CustomerState, event: CustomerEvent): CustomerState => {
  const { customerId, name, kind, ownerId } = event.data;
  return { status: 'active', customerId, name, kind, ownerId };
};

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
