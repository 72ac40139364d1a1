import { type CustomerEvent, type InvoiceEvent, type StaffEvent } from '#events';
import {
  activeCustomer,
  activeStaff,
  callRecording,
  knownContact,
  openDeal,
  ofTheCustomer,
  phoneParties,
  prepaymentsToSettle,
  refreshCode,
  registryCompany,
  sendableInvoice,
  statementAccount,
} from './context-rules';
import { customerDecider } from './customer/customer.decider';
import { type DocumentState } from './document/document.decider';
import { type Decider } from './decider';
import { invoiceDecider, type IssueInvoice } from './invoice/invoice.decider';
import { type IssuedInvoice } from './invoice/invoice-state';
import { staffDecider } from './staff/staff.decider';
import { expectRejected } from './testing';

const now = '2026-03-01T09:00:00.000Z';

/** given a stream's events, the state a rule is asked about */
const given = <C, E, S>(decider: Decider<C, E, S>, events: E[]): S =>
  events.reduce(decider.evolve, decider.initialState());

/** then the rule refuses with `rule` */
const refused = expectRejected;

const registered = (kind: 'company' | 'person', registryCode?: string): CustomerEvent => ({
  type: 'CustomerRegistered',
  data: {
    customerId: 'c1',
    kind,
    name: 'Maasikas OÜ',
    ownerId: 's1',
    registeredAt: now,
    ...(registryCode ? { registryCode } : {}),
  },
});
const archived: CustomerEvent = {
  type: 'CustomerArchived',
  data: { customerId: 'c1', reason: 'closed down', archivedAt: now },
};
const contactAdded: CustomerEvent = {
  type: 'ContactPersonAdded',
  data: { customerId: 'c1', contactId: 'p1', name: 'Mari', addedAt: now },
};

describe('a customer things are recorded for', () => {
  it('given a registered customer, then it is the customer', () => {
    expect(activeCustomer(given(customerDecider, [registered('person')]), 'c1')).toMatchObject({
      customerId: 'c1',
    });
  });
  it('given no customer, then the customer is not found', () => {
    refused(() => activeCustomer(given(customerDecider, []), 'c1'), 'customer-not-found');
  });
  it('given an archived customer, then it must be restored first', () => {
    refused(
      () => activeCustomer(given(customerDecider, [registered('person'), archived]), 'c1'),
      'customer-archived',
    );
  });
  it('given a contact person, then the contact is known; another id is not found', () => {
    const customer = activeCustomer(
      given(customerDecider, [registered('company'), contactAdded]),
      'c1',
    );
    expect(() => {
      knownContact(customer, 'p1');
    }).not.toThrow();
    refused(() => {
      knownContact(customer, 'p2');
    }, 'contact-not-found');
  });
});

describe('a staff member who owns or takes part', () => {
  const member: StaffEvent = {
    type: 'StaffMemberRegistered',
    data: { staffId: 's1', name: 'Anna', email: 'anna@x.ee', roles: ['sales'], registeredAt: now },
  };
  const left: StaffEvent = {
    type: 'StaffMemberDeactivated',
    data: { staffId: 's1', successorId: null, deactivatedAt: now },
  };
  it('given an active member, then the member is the answer', () => {
    expect(activeStaff(given(staffDecider, [member]), 's1').name).toBe('Anna');
  });
  it('given a member who left, then they may not take part, named by role', () => {
    refused(
      () => activeStaff(given(staffDecider, [member, left]), 's1', 'participant'),
      'staff-deactivated',
    );
  });
  it('given no member, then not found', () => {
    refused(() => activeStaff(given(staffDecider, []), 's1'), 'staff-not-found');
  });
});

describe("a deal or ticket an activity links to is the customer's own", () => {
  it('given the same customer, then it is accepted', () => {
    expect(() => {
      ofTheCustomer('deal', 'd1', { status: 'open', customerId: 'c1' }, 'c1');
    }).not.toThrow();
  });
  it("given another customer's ticket, then it is refused", () => {
    refused(() => {
      ofTheCustomer('ticket', 't1', { status: 'open', customerId: 'c2' }, 'c1');
    }, 'ticket-of-another-customer');
  });
  it('given no deal, then not found', () => {
    refused(() => {
      ofTheCustomer('deal', 'd1', { status: 'none' }, 'c1');
    }, 'deal-not-found');
  });
  it('given a document removed, then not found: an agreement does not rest on it', () => {
    refused(() => {
      ofTheCustomer('document', 'doc1', { status: 'removed', customerId: 'c1' }, 'c1');
    }, 'document-not-found');
  });
});

describe('a deal something is planned on', () => {
  it('given an open deal, then it takes plans', () => {
    expect(() => {
      openDeal({ status: 'open' }, 'd1');
    }).not.toThrow();
  });
  it('given a lost or won deal, then nothing more is planned on it', () => {
    refused(() => {
      openDeal({ status: 'lost' }, 'd1');
    }, 'deal-closed');
    refused(() => {
      openDeal({ status: 'won' }, 'd1');
    }, 'deal-closed');
  });
});

describe('an invoice sent to its customer', () => {
  const issue: IssueInvoice = {
    type: 'IssueInvoice',
    invoiceId: 'i1',
    number: '2026-000001',
    kind: 'standard',
    customerId: 'c1',
    currency: 'EUR',
    issuedOn: '2026-03-01',
    dueOn: '2026-03-15',
    lines: [
      { description: 'Design', quantity: 1, unitPrice: 1000, discountPercent: 0, vatRate: 24 },
    ],
    referenceScheme: 'estonian',
    settle: [],
    now,
  };
  const issuedEvents = invoiceDecider.decide(issue, invoiceDecider.initialState());
  const issued = () => given(invoiceDecider, issuedEvents);
  it('given an issued invoice, then it may be sent', () => {
    expect(sendableInvoice(issued(), 'i1').number).toBe('2026-000001');
  });
  it('given a void invoice, then it is not sent', () => {
    const voided = { ...(issued() as IssuedInvoice), status: 'void' as const };
    refused(() => sendableInvoice(voided, 'i1'), 'invoice-void');
  });
  it('given a draft, then it is not issued yet', () => {
    const draft = given(invoiceDecider, [
      {
        type: 'InvoiceDrafted',
        data: {
          invoiceId: 'i1',
          draftedAt: now,
          kind: 'standard',
          customerId: 'c1',
          currency: 'EUR',
          lines: [],
          totals: { net: 0, vat: 0, gross: 0, byRate: [] },
        },
      } as InvoiceEvent,
    ]);
    refused(() => sendableInvoice(draft, 'i1'), 'invoice-not-issued');
  });
  it('given no invoice, then not found', () => {
    refused(() => sendableInvoice(given(invoiceDecider, []), 'i1'), 'invoice-not-found');
  });
});

describe('registry data', () => {
  it('given a company, then its data may be fetched; a person is refused', () => {
    expect(registryCompany(given(customerDecider, [registered('company')]), 'c1').kind).toBe(
      'company',
    );
    refused(
      () => registryCompany(given(customerDecider, [registered('person')]), 'c1'),
      'not-a-company',
    );
  });
  it('given a company without a registry code, then a refresh has nothing to look up', () => {
    expect(refreshCode('12345678')).toBe('12345678');
    refused(() => refreshCode(null), 'no-registry-code');
  });
});

describe('the prepayments a standard invoice deducts', () => {
  const open = { invoiceId: 'p1', status: 'paid', settledBy: null };
  const settledElsewhere = { invoiceId: 'p2', status: 'paid', settledBy: { invoiceId: 'i9' } };
  const settledByThis = { invoiceId: 'p3', status: 'paid', settledBy: { invoiceId: 'i1' } };
  const voided = { invoiceId: 'p4', status: 'void', settledBy: null };
  const all = [open, settledElsewhere, settledByThis, voided];
  it("given the deal's prepayments, then the open ones and those this invoice settled", () => {
    expect(prepaymentsToSettle(all, false, 'i1').map((p) => p.invoiceId)).toEqual(['p1', 'p3']);
  });
  it('given prepayments named in the command, then all of them (the decider judges each)', () => {
    expect(prepaymentsToSettle(all, true, 'i1')).toEqual(all);
  });
});

describe('the account a bank statement is for', () => {
  const accounts = [{ iban: 'EE382200221020145685', currency: 'EUR' }];
  it("given one of the seller's accounts in its currency, then that account", () => {
    expect(
      statementAccount(accounts, {
        account: 'EE382200221020145685',
        accountCurrency: 'EUR',
        entries: [{ currency: 'EUR' }, {}],
      }),
    ).toBe(accounts[0]);
  });
  it('given an account the seller does not have, then it is refused', () => {
    refused(
      () => statementAccount(accounts, { account: 'LT121000011101001000', entries: [] }),
      'unknown-account',
    );
  });
  it('given an amount in another currency, then the statement is refused', () => {
    refused(
      () =>
        statementAccount(accounts, {
          account: 'EE382200221020145685',
          entries: [{ currency: 'USD' }],
        }),
      'statement-currency',
    );
  });
});

describe('the parties a phone number belongs to', () => {
  const digitsOf = (p: string) => p.replace(/\D/g, '').slice(-8);
  const same = (number: string) => (phone: string) => digitsOf(phone) === digitsOf(number);
  it('given a customer with a phone and a contact with another, when a number is asked, then who has it', () => {
    const state = given(customerDecider, [
      {
        type: 'CustomerRegistered',
        data: {
          customerId: 'c1',
          kind: 'company',
          name: 'Maasikas OÜ',
          ownerId: 's1',
          registeredAt: now,
          phone: '+372 5551 2345',
        },
      },
      {
        type: 'ContactPersonAdded',
        data: {
          customerId: 'c1',
          contactId: 'k1',
          name: 'Mari',
          phone: '5000 0000',
          addedAt: now,
        },
      },
    ]);
    expect(phoneParties(state, same('55512345'))).toEqual({ customer: true, contactIds: [] });
    expect(phoneParties(state, same('+37250000000'))).toEqual({
      customer: false,
      contactIds: ['k1'],
    });
    expect(phoneParties(state, same('1234'))).toEqual({ customer: false, contactIds: [] });
    expect(phoneParties(given(customerDecider, []), same('1'))).toEqual({
      customer: false,
      contactIds: [],
    });
  });
});

describe("a call's recording", () => {
  const attached = (customerId: string): Extract<DocumentState, { documentId: string }> => ({
    status: 'attached',
    documentId: 'd1',
    customerId,
    name: 'call.mp3',
  });
  it('given a document of a customer the call is with, then it is the recording', () => {
    expect(() => {
      callRecording(attached('c2'), 'd1', ['c1', 'c2']);
    }).not.toThrow();
  });
  it("given another customer's document, then it is refused", () => {
    refused(() => {
      callRecording(attached('c3'), 'd1', ['c1']);
    }, 'recording-of-another-customer');
  });
  it('given no document, or a removed one, then not found', () => {
    refused(() => {
      callRecording({ status: 'none' }, 'd1', ['c1']);
    }, 'document-not-found');
    refused(() => {
      callRecording({ ...attached('c1'), status: 'removed' as const }, 'd1', ['c1']);
    }, 'document-not-found');
  });
});
