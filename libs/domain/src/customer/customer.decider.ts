import { type CustomerEvent, type CustomerKind, type PostalAddress } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type Reassign, reassignment } from '../staff/reassignment';

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

export type CustomerCommand = RegisterCustomer | Reassign;

const decide = (command: CustomerCommand, state: CustomerState): CustomerEvent[] => {
  switch (command.type) {
    case 'RegisterCustomer': {
      if (state.status !== 'none') throw alreadyExists('customer', command.customerId);
      if (command.name.trim() === '') throw violated('name-required', 'A customer needs a name');
      const { type: _type, now, ...data } = command;
      return [{ type: 'CustomerRegistered', data: { ...data, registeredAt: now } }];
    }
    case 'Reassign': {
      if (state.status === 'none') throw notFound('customer', command.itemId);
      const moved = reassignment({ what: 'customer', ownerId: state.ownerId, open: true }, command);
      return moved
        ? [{ type: 'CustomerReassigned', data: { customerId: state.customerId, ...moved } }]
        : [];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: CustomerState, event: CustomerEvent): CustomerState => {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, name, kind, ownerId } = event.data;
      return { status: 'active', customerId, name, kind, ownerId };
    }
    case 'CustomerReassigned':
      return state.status === 'none' ? state : { ...state, ownerId: event.data.toStaffId };
    default:
      return unreachable(event);
  }
};

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
