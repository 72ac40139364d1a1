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

const on = { customerId: 'c1', now };
const archived: CustomerEvent = {
  type: 'CustomerArchived',
  data: { customerId: 'c1', reason: 'closed down', archivedAt: now },
};

describe('UpdateCustomerProfile', () => {
  it('records only the fields that change', () => {
    spec([registered])
      .when({
        type: 'UpdateCustomerProfile',
        ...on,
        today: now.slice(0, 10),
        changes: {
          name: 'Maasikas OÜ',
          emails: ['info@maasikas.ee', 'sales@maasikas.ee'],
          website: 'https://maasikas.ee',
          demographic: { homeCity: 'Tartu', children: null },
          psychographic: { interests: ['golf'], decisionStyle: 'analytical' },
        },
      })
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: {
            customerId: 'c1',
            changes: {
              emails: ['info@maasikas.ee', 'sales@maasikas.ee'],
              website: 'https://maasikas.ee',
              demographic: { homeCity: 'Tartu' },
              psychographic: { interests: ['golf'], decisionStyle: 'analytical' },
            },
            updatedAt: now,
          },
        },
      ]);
  });
  it('records nothing when nothing changes', () => {
    spec([registered])
      .when({
        type: 'UpdateCustomerProfile',
        ...on,
        today: now.slice(0, 10),
        changes: { phones: ['+372 5555 5555'] },
      })
      .thenNothingHappened();
  });
  it('refuses an empty name and a birth date in the future', () => {
    spec([registered])
      .when({
        type: 'UpdateCustomerProfile',
        ...on,
        today: now.slice(0, 10),
        changes: { name: ' ' },
      })
      .thenRejectedWith('name-required');
    spec([registered])
      .when({
        type: 'UpdateCustomerProfile',
        ...on,
        today: now.slice(0, 10),
        changes: { demographic: { birthDate: '2030-01-01' } },
      })
      .thenRejectedWith('birth-date-in-future');
  });
  it("takes the birth date against the business's day, which may be a day ahead of UTC's", () => {
    // 00:30 on 5 December in Tallinn is 22:30 on 4 December in UTC: born today there.
    const profile = {
      type: 'UpdateCustomerProfile' as const,
      customerId: 'c1',
      now: '2026-12-04T22:30:00.000Z',
      changes: { demographic: { birthDate: '2026-12-05' } },
    };
    spec([registered])
      .when({ ...profile, today: '2026-12-05' })
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: {
            customerId: 'c1',
            changes: { demographic: { birthDate: '2026-12-05' } },
            updatedAt: '2026-12-04T22:30:00.000Z',
          },
        },
      ]);
    spec([registered])
      .when({ ...profile, today: '2026-12-04' })
      .thenRejectedWith('birth-date-in-future');
  });
});

describe('contact persons', () => {
  const added: CustomerEvent = {
    type: 'ContactPersonAdded',
    data: {
      customerId: 'c1',
      contactId: 'p1',
      name: 'Mari Maasikas',
      role: 'CEO',
      email: 'mari@maasikas.ee',
      addedAt: now,
    },
  };
  it('adds one', () => {
    spec([registered])
      .when({
        type: 'AddContactPerson',
        ...on,
        contact: { contactId: 'p1', name: 'Mari Maasikas', role: 'CEO', email: 'mari@maasikas.ee' },
      })
      .then([added]);
  });
  it('refuses the same contact id twice', () => {
    spec([registered, added])
      .when({ type: 'AddContactPerson', ...on, contact: { contactId: 'p1', name: 'X' } })
      .thenRejectedWith('contact-exists');
  });
  it('updates only what changed, null clearing a value', () => {
    spec([registered, added])
      .when({
        type: 'UpdateContactPerson',
        ...on,
        contactId: 'p1',
        changes: { name: 'Mari Maasikas', role: null, phone: '+372 5000 0000' },
      })
      .then([
        {
          type: 'ContactPersonUpdated',
          data: {
            customerId: 'c1',
            contactId: 'p1',
            changes: { role: null, phone: '+372 5000 0000' },
            updatedAt: now,
          },
        },
      ]);
  });
  it('removes one, and then knows it no more', () => {
    const removed: CustomerEvent = {
      type: 'ContactPersonRemoved',
      data: { customerId: 'c1', contactId: 'p1', removedAt: now },
    };
    spec([registered, added])
      .when({ type: 'RemoveContactPerson', ...on, contactId: 'p1' })
      .then([removed]);
    spec([registered, added, removed])
      .when({ type: 'UpdateContactPerson', ...on, contactId: 'p1', changes: { name: 'Y' } })
      .thenRejectedWith('contact-not-found');
  });
});

describe('CategorizeCustomer', () => {
  const categorized: CustomerEvent = {
    type: 'CustomerCategorized',
    data: {
      customerId: 'c1',
      category: 'medium',
      previousCategory: null,
      reason: 'turnover 2 M€',
      categorizedAt: now,
    },
  };
  it('records the category with the previous one and the reason', () => {
    spec([registered])
      .when({ type: 'CategorizeCustomer', ...on, category: 'medium', reason: 'turnover 2 M€' })
      .then([categorized]);
    spec([registered, categorized])
      .when({ type: 'CategorizeCustomer', ...on, category: 'top', reason: 'key account' })
      .then([
        {
          type: 'CustomerCategorized',
          data: {
            customerId: 'c1',
            category: 'top',
            previousCategory: 'medium',
            reason: 'key account',
            categorizedAt: now,
          },
        },
      ]);
  });
  it('records nothing for the same category and needs a reason', () => {
    spec([registered, categorized])
      .when({ type: 'CategorizeCustomer', ...on, category: 'medium', reason: 'again' })
      .thenNothingHappened();
    spec([registered])
      .when({ type: 'CategorizeCustomer', ...on, category: 'top', reason: ' ' })
      .thenRejectedWith('reason-required');
  });
});

describe('TagCustomer', () => {
  const tagged: CustomerEvent = {
    type: 'CustomerTagged',
    data: { customerId: 'c1', tags: ['vip', 'fair 2026'], taggedAt: now },
  };
  it('adds new tags and removes present ones only', () => {
    spec([registered])
      .when({ type: 'TagCustomer', ...on, add: ['vip', 'fair 2026', 'vip'], remove: ['gone'] })
      .then([tagged]);
    spec([registered, tagged])
      .when({ type: 'TagCustomer', ...on, add: ['vip'], remove: ['fair 2026'] })
      .then([
        {
          type: 'CustomerUntagged',
          data: { customerId: 'c1', tags: ['fair 2026'], untaggedAt: now },
        },
      ]);
  });
  it('refuses adding and removing one tag at once', () => {
    spec([registered])
      .when({ type: 'TagCustomer', ...on, add: ['vip'], remove: ['vip'] })
      .thenRejectedWith('tag-added-and-removed');
  });
});

describe('marketing consent', () => {
  const given: CustomerEvent = {
    type: 'MarketingConsentRecorded',
    data: {
      customerId: 'c1',
      channel: 'email',
      source: 'web form',
      givenAt: '2026-02-28T10:00:00.000Z',
      recordedAt: now,
    },
  };
  it('records consent per channel with source and time, once', () => {
    const record = {
      type: 'RecordMarketingConsent' as const,
      ...on,
      channel: 'email' as const,
      source: 'web form',
      givenAt: '2026-02-28T10:00:00.000Z',
    };
    spec([registered]).when(record).then([given]);
    spec([registered, given]).when(record).thenNothingHappened();
    spec([registered])
      .when({ ...record, givenAt: '2027-01-01T00:00:00.000Z' })
      .thenRejectedWith('consent-in-future');
  });
  it('withdraws a given consent; withdrawing none records nothing', () => {
    const withdraw = {
      type: 'WithdrawMarketingConsent' as const,
      ...on,
      channel: 'email' as const,
      source: 'unsubscribe link',
    };
    spec([registered, given])
      .when(withdraw)
      .then([
        {
          type: 'MarketingConsentWithdrawn',
          data: {
            customerId: 'c1',
            channel: 'email',
            source: 'unsubscribe link',
            withdrawnAt: now,
          },
        },
      ]);
    spec([registered]).when(withdraw).thenNothingHappened();
  });
  it('withdraws by a link only the consent it was sent under', () => {
    const link = {
      type: 'WithdrawMarketingConsent' as const,
      ...on,
      channel: 'email' as const,
      source: 'campaign:k1',
    };
    // given again after an earlier withdrawal: an old link names the earlier consent
    spec([registered, given])
      .when({ ...link, consentGivenAt: '2026-01-15T10:00:00.000Z' })
      .thenNothingHappened();
    spec([registered, given])
      .when({ ...link, consentGivenAt: '2026-02-28T10:00:00.000Z' })
      .then([
        {
          type: 'MarketingConsentWithdrawn',
          data: { customerId: 'c1', channel: 'email', source: 'campaign:k1', withdrawnAt: now },
        },
      ]);
  });
});

describe('ImportRegistryData', () => {
  const facts = {
    registry: 'EE e-Business Register',
    registryCode: '12345678',
    legalName: 'Maasikas OÜ',
    legalForm: 'OÜ',
    status: 'registered',
    vatNumber: 'EE101234567',
    activityCodes: [{ code: '01241', name: 'Growing of berries' }],
  };
  it('stores the facts as received, and a repeat of the same facts records nothing', () => {
    const imported: CustomerEvent = {
      type: 'RegistryDataImported',
      data: { customerId: 'c1', facts, importedAt: now },
    };
    spec([registered])
      .when({ type: 'ImportRegistryData', ...on, facts })
      .then([imported]);
    spec([registered, imported])
      .when({ type: 'ImportRegistryData', ...on, facts })
      .thenNothingHappened();
    const fetched = { ...facts, retrievedAt: '2026-03-01T08:00:00.000Z' };
    const refetched = { ...facts, retrievedAt: '2026-04-01T08:00:00.000Z' };
    const first: CustomerEvent = { ...imported, data: { ...imported.data, facts: fetched } };
    spec([registered, first])
      .when({ type: 'ImportRegistryData', ...on, facts: refetched })
      .thenNothingHappened();
    spec([registered, first])
      .when({
        type: 'ImportRegistryData',
        ...on,
        facts: { ...refetched, status: 'in liquidation' },
      })
      .then([
        {
          type: 'RegistryDataImported',
          data: {
            customerId: 'c1',
            facts: { ...refetched, status: 'in liquidation' },
            importedAt: now,
          },
        },
      ]);
  });
  it('refuses registry data for a person', () => {
    spec([{ ...registered, data: { ...registered.data, kind: 'person' } }])
      .when({ type: 'ImportRegistryData', ...on, facts })
      .thenRejectedWith('not-a-company');
  });
});

describe('ArchiveCustomer and RestoreCustomer', () => {
  it('archives', () => {
    spec([registered])
      .when({ type: 'ArchiveCustomer', ...on, reason: 'closed down' })
      .then([archived]);
  });
  it('refuses every command on an archived customer but RestoreCustomer', () => {
    for (const command of [
      {
        type: 'UpdateCustomerProfile' as const,
        ...on,
        today: now.slice(0, 10),
        changes: { name: 'X' },
      },
      { type: 'CategorizeCustomer' as const, ...on, category: 'top' as const, reason: 'r' },
      { type: 'TagCustomer' as const, ...on, add: ['x'], remove: [] },
      { type: 'ArchiveCustomer' as const, ...on },
      { type: 'Reassign' as const, itemId: 'c1', toStaffId: 's2', handOver: false, now },
    ])
      spec([registered, archived]).when(command).thenRejectedWith('customer-archived');
  });
  it('leaves an archived customer with its owner in a hand-over', () => {
    spec([registered, archived])
      .when({
        type: 'Reassign',
        itemId: 'c1',
        fromStaffId: 's1',
        toStaffId: 's2',
        handOver: true,
        now,
      })
      .thenNothingHappened();
  });
  it('restores an archived customer, and only an archived one', () => {
    spec([registered, archived])
      .when({ type: 'RestoreCustomer', ...on, reason: 'back in business' })
      .then([
        {
          type: 'CustomerRestored',
          data: { customerId: 'c1', reason: 'back in business', restoredAt: now },
        },
      ]);
    spec([registered])
      .when({ type: 'RestoreCustomer', ...on })
      .thenRejectedWith('customer-active');
  });
  it('records an erasure with the lead the customer came from, archived or not', () => {
    const fromLead: CustomerEvent = {
      type: 'CustomerRegistered',
      data: { ...registered.data, sourceLeadId: 'l1' },
    };
    const erased: CustomerEvent = {
      type: 'CustomerPersonalDataErased',
      data: { customerId: 'c1', leadIds: ['l1'], reason: 'request of 2 March', erasedAt: now },
    };
    spec([fromLead, archived])
      .when({ type: 'EraseCustomerPersonalData', ...on, reason: 'request of 2 March' })
      .then([erased]);
    spec([registered])
      .when({ type: 'EraseCustomerPersonalData', ...on, reason: 'request' })
      .then([
        {
          type: 'CustomerPersonalDataErased',
          data: { customerId: 'c1', leadIds: [], reason: 'request', erasedAt: now },
        },
      ]);
    spec([registered])
      .when({ type: 'EraseCustomerPersonalData', ...on, reason: ' ' })
      .thenRejectedWith('reason-required');
    spec([])
      .when({ type: 'EraseCustomerPersonalData', ...on, reason: 'request' })
      .thenRejectedWith('customer-not-found');
  });
  it('given a lead converted into the customer later, then it joins once and is erased with it', () => {
    const joined: CustomerEvent = {
      type: 'LeadJoined',
      data: { customerId: 'c1', leadId: 'l2', joinedAt: now },
    };
    const fromLead: CustomerEvent = {
      type: 'CustomerRegistered',
      data: { ...registered.data, sourceLeadId: 'l1' },
    };
    spec([fromLead])
      .when({ type: 'JoinLead', ...on, leadId: 'l2' })
      .then([joined]);
    spec([fromLead, joined])
      .when({ type: 'JoinLead', ...on, leadId: 'l2' })
      .thenNothingHappened();
    spec([fromLead])
      .when({ type: 'JoinLead', ...on, leadId: 'l1' })
      .thenNothingHappened();
    spec([registered, archived])
      .when({ type: 'JoinLead', ...on, leadId: 'l2' })
      .thenRejectedWith('customer-archived');
    spec([])
      .when({ type: 'JoinLead', ...on, leadId: 'l2' })
      .thenRejectedWith('customer-not-found');
    spec([fromLead, joined])
      .when({ type: 'EraseCustomerPersonalData', ...on, reason: 'request' })
      .then([
        {
          type: 'CustomerPersonalDataErased',
          data: { customerId: 'c1', leadIds: ['l1', 'l2'], reason: 'request', erasedAt: now },
        },
      ]);
  });
  it('remembers when the personal data was erased', () => {
    const state = [
      registered,
      {
        type: 'CustomerPersonalDataErased',
        data: { customerId: 'c1', leadIds: [], reason: 'request', erasedAt: now },
      } as CustomerEvent,
    ].reduce(customerDecider.evolve, customerDecider.initialState());
    expect(state).toMatchObject({
      status: 'active',
      erasedAt: now,
      profile: { name: '[erased]', emails: [], phones: [], addresses: [] },
    });
  });
});
