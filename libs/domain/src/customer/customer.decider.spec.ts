import { type CustomerEvent } from '#events';
import { specFor } from '../testing';
import { customerDecider, type RegisterCustomer } from './customer.decider';

const now = '2026-03-01T09:00:00.000Z';
const register: RegisterCustomer = {
  type: 'RegisterCustomer',
  customerId: 'c1',
  kind: 'company',
  name: 'Maasikas OÜ',
  registryCode: '12345678',
  email: 'info@maasikas.ee',
  phone: '+372 5555 5555',
  address: { street: 'Pikk 1', city: 'Tallinn', postalCode: '10123', country: 'EE' },
  ownerId: 's1',
  now,
};
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: {
    customerId: 'c1',
    kind: 'company',
    name: 'Maasikas OÜ',
    registryCode: '12345678',
    email: 'info@maasikas.ee',
    phone: '+372 5555 5555',
    address: { street: 'Pikk 1', city: 'Tallinn', postalCode: '10123', country: 'EE' },
    ownerId: 's1',
    registeredAt: now,
  },
};
const spec = specFor(customerDecider);

describe('Customer', () => {
  it('registers a company', () => {
    spec([]).when(register).then([registered]);
  });
  it('registers a person', () => {
    const person: RegisterCustomer = {
      type: 'RegisterCustomer',
      customerId: 'c2',
      kind: 'person',
      name: 'Jaan Tamm',
      ownerId: 's1',
      now,
    };
    spec([])
      .when(person)
      .then([
        {
          type: 'CustomerRegistered',
          data: {
            customerId: 'c2',
            kind: 'person',
            name: 'Jaan Tamm',
            ownerId: 's1',
            registeredAt: now,
          },
        },
      ]);
  });
  it('rejects a registered customer', () => {
    spec([registered]).when(register).thenRejectedWith('customer-exists');
  });
  it('needs a name', () => {
    spec([])
      .when({ ...register, name: '  ' })
      .thenRejectedWith('name-required');
  });
});

describe('AssignCustomerOwner (Reassign)', () => {
  const assign = {
    type: 'Reassign' as const,
    itemId: 'c1',
    toStaffId: 's2',
    handOver: false,
    reason: 'territory change',
    now,
  };
  it('moves the customer to the new owner, keeping the old one in the event', () => {
    specFor(customerDecider)([registered])
      .when(assign)
      .then([
        {
          type: 'CustomerReassigned',
          data: {
            customerId: 'c1',
            fromStaffId: 's1',
            toStaffId: 's2',
            handOver: false,
            reason: 'territory change',
            reassignedAt: now,
          },
        },
      ]);
  });
  it('does nothing when the owner is already the target', () => {
    specFor(customerDecider)([registered])
      .when({ ...assign, toStaffId: 's1' })
      .thenNothingHappened();
  });
  it('refuses an unknown customer', () => {
    specFor(customerDecider)([]).when(assign).thenRejectedWith('customer-not-found');
  });
});
