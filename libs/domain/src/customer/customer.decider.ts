import { type CustomerEvent, type CustomerKind, type PostalAddress } from '#events';
import { alreadyExists, type Decider, unreachable, violated } from '../decider';

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

const decide = (command: CustomerCommand, state: CustomerState): CustomerEvent[] => {
  switch (command.type) {
    case 'RegisterCustomer': {
      if (state.status !== 'none') throw alreadyExists('customer', command.customerId);
      if (command.name.trim() === '') throw violated('name-required', 'A customer needs a name');
      const { type: _type, now, ...data } = command;
      return [{ type: 'CustomerRegistered', data: { ...data, registeredAt: now } }];
    }
    default:
      return unreachable(command.type);
  }
};

const evolve = (_state: CustomerState, event: CustomerEvent): CustomerState => {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, name, kind, ownerId } = event.data;
      return { status: 'active', customerId, name, kind, ownerId };
    }
    default:
      return unreachable(event.type);
  }
};

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
