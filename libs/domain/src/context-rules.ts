import { type CustomerState, type KnownCustomer } from './customer/customer.decider';
import { notFound, violated } from './decider';
import { type DocumentState } from './document/document.decider';
import { type InvoiceState, isIssued, type IssuedInvoice } from './invoice/invoice-state';
import { type StaffState } from './staff/staff.decider';

/**
 * Rules a command meets in what other aggregates hold: the handler loads their state before
 * deciding and asks these; each answers the part of the state the decision may rely on, or
 * refuses with the rule it broke.
 */

/** A customer new deals, invoices, activities and tickets may be recorded for: not archived. */
export const activeCustomer = (state: CustomerState, customerId: string): KnownCustomer => {
  if (state.status === 'none') throw notFound('customer', customerId);
  if (state.status === 'archived')
    throw violated('customer-archived', 'An archived customer must be restored first');
  return state;
};

export type ActiveStaff = Exclude<StaffState, { status: 'none' }>;

/** A staff member who may own things or take part now: registered and not deactivated. */
export const activeStaff = (state: StaffState, staffId: string, role = 'owner'): ActiveStaff => {
  if (state.status === 'none') throw notFound('staff', staffId);
  if (state.status !== 'active')
    throw violated('staff-deactivated', `The ${role} ${staffId} has been deactivated`);
  return state;
};

/**
 * Something an activity or agreement links to (a deal, a ticket, a document): it exists — a
 * removed document names nothing any more, as for a call's recording — and is the same
 * customer's.
 */
export const ofTheCustomer = (
  what: 'deal' | 'ticket' | 'document',
  id: string,
  state: { status: string; customerId?: string },
  customerId: string,
): void => {
  if (state.status === 'none' || state.status === 'removed') throw notFound(what, id);
  if (state.customerId !== customerId)
    throw violated(`${what}-of-another-customer`, `The ${what} belongs to another customer`);
};

/** A deal something is planned on (an activity, a follow-up): still open. */
export const openDeal = (state: { status: string }, dealId: string): void => {
  if (state.status === 'none') throw notFound('deal', dealId);
  if (state.status !== 'open')
    throw violated(
      'deal-closed',
      `Nothing is planned on a ${state.status} deal; reopen it first (what happened may still be logged)`,
    );
};

/** A contact person of the customer, by id. */
export const knownContact = (customer: KnownCustomer, contactId: string): void => {
  if (!customer.contacts[contactId]) throw notFound('contact', contactId);
};

/** An invoice that may be sent to its customer: issued and not void. */
export const sendableInvoice = (state: InvoiceState, invoiceId: string): IssuedInvoice => {
  if (state.status === 'none') throw notFound('invoice', invoiceId);
  if (!isIssued(state)) throw violated('invoice-not-issued', 'Only an issued invoice can be sent');
  if (state.status === 'void') throw violated('invoice-void', 'A void invoice is not sent');
  return state;
};

/** A customer registry data may be fetched for: a company. */
export const registryCompany = (state: CustomerState, customerId: string): KnownCustomer => {
  if (state.status === 'none') throw notFound('customer', customerId);
  if (state.kind !== 'company')
    throw violated('not-a-company', 'Registry data belongs to companies');
  return state;
};

/** The registry code a refresh looks up: the one the customer has. */
export const refreshCode = (registryCode: string | null): string => {
  if (!registryCode)
    throw violated(
      'no-registry-code',
      'The customer has no registry code to refresh by; fetch by code or name',
    );
  return registryCode;
};

/**
 * The prepayments a standard invoice deducts. Named ones are all taken (the decider refuses
 * any it may not settle); otherwise those of the deal still open — not void, settled by no
 * invoice — and those this very invoice settled already (a retried issue).
 */
export const prepaymentsToSettle = <
  P extends { status: string; settledBy?: { invoiceId: string } | null },
>(
  prepayments: P[],
  named: boolean,
  invoiceId: string,
): P[] =>
  named
    ? prepayments
    : prepayments.filter(
        (p) => (p.status !== 'void' && !p.settledBy) || p.settledBy?.invoiceId === invoiceId,
      );

/** One of the seller's bank accounts, as configured. */
export type SellerAccount = { iban: string; currency: string };

/**
 * The account a bank statement is for: one of the seller's, and every amount in its currency
 * (a statement is not converted).
 */
export const statementAccount = <A extends SellerAccount>(
  accounts: readonly A[],
  statement: { account: string; accountCurrency?: string; entries: { currency?: string }[] },
): A => {
  const account = accounts.find((a) => a.iban === statement.account);
  if (!account)
    throw violated(
      'unknown-account',
      `${statement.account} is not one of the seller's accounts (SELLER_BANK_ACCOUNTS)`,
    );
  const foreign = [statement.accountCurrency, ...statement.entries.map((e) => e.currency)].find(
    (c) => c !== undefined && c !== account.currency,
  );
  if (foreign)
    throw violated(
      'statement-currency',
      `The statement has amounts in ${foreign}; the account ${account.iban} is in ${account.currency}`,
    );
  return account;
};

/**
 * Who at a customer a phone number belongs to: the customer itself (its profile's phones) and
 * the contact persons with that phone, as `samePhone` compares two numbers written in any
 * format. A call is logged on the customers this finds someone at (POST /calls).
 */
export const phoneParties = (
  state: CustomerState,
  samePhone: (phone: string) => boolean,
): { customer: boolean; contactIds: string[] } => {
  if (state.status === 'none') return { customer: false, contactIds: [] };
  return {
    customer: state.profile.phones.some(samePhone),
    contactIds: Object.values(state.contacts)
      .filter((c) => c.phone !== undefined && samePhone(c.phone))
      .map((c) => c.contactId),
  };
};

/**
 * A call's recording is a document attached to one of the customers the call is logged on:
 * another customer's recording would put their conversation on someone else's record.
 */
export const callRecording = (
  state: DocumentState,
  documentId: string,
  callCustomerIds: string[],
): void => {
  if (state.status !== 'attached') throw notFound('document', documentId);
  if (!callCustomerIds.includes(state.customerId))
    throw violated(
      'recording-of-another-customer',
      'The recording belongs to a customer the call is not with',
    );
};
