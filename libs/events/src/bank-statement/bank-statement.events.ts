import { type BusinessDay, type Event } from '../envelope';

/** An invoice a statement line was matched or assigned to. */
export type MatchedInvoice = { invoiceId: string; number: string; customerId: string };

/** What the import made of one line of the statement. */
export type EntryMatch =
  | { status: 'matched'; by: 'reference' | 'amount-and-name'; invoice: MatchedInvoice }
  | { status: 'ambiguous'; candidates: MatchedInvoice[] }
  | { status: 'unmatched' }
  /** The same bank transaction earlier in the file, or already recorded on its invoice. */
  | { status: 'duplicate' }
  /** Money going out: not a customer's payment. */
  | { status: 'ignored' };

/** One booked transaction of a statement, as the bank reported it, and what became of it. */
export type StatementLine = {
  /** The bank's id of the transaction: the payment id on the invoice it pays. */
  entryId: string;
  direction: 'credit' | 'debit';
  amount: number;
  currency: string;
  bookedOn: BusinessDay;
  counterparty?: string;
  counterpartyAccount?: string;
  reference?: string;
  remittance?: string;
  endToEndId?: string;
  match: EntryMatch;
};

/**
 * A bank statement (camt.053) or notification (camt.054) imported for one of the seller's
 * accounts; `bankStatementId` is the bank's own id of it.
 */
export type BankStatementImported = Event<
  'BankStatementImported',
  {
    statementId: string;
    format: 'camt.053' | 'camt.054';
    version: string;
    messageId: string;
    bankStatementId: string;
    account: string;
    currency: string;
    from?: BusinessDay;
    to?: BusinessDay;
    lines: StatementLine[];
    importedAt: string;
  }
>;

/** An unmatched or ambiguous line assigned by hand to the invoice it pays. */
export type BankStatementEntryAssigned = Event<
  'BankStatementEntryAssigned',
  { statementId: string; entryId: string; invoice: MatchedInvoice; assignedAt: string }
>;

export type BankStatementEvent = BankStatementImported | BankStatementEntryAssigned;
