import {
  type CreditNote,
  type PaymentRecorded,
  type PaymentTransferred,
  type RefundRecorded,
  type SettledPrepayment,
  type SendChannel,
  type InvoiceIssued,
} from '#events';
import { findAll, type ReadStore } from '#read-store';
import { type From } from './from';
import { collections } from './names';

/** What a draft does not have yet: it gets them when it is issued. */
export type IssueFacts = 'number' | 'issuedOn' | 'dueOn' | 'issuedAt' | 'paymentReference';

export type InvoiceDoc = Omit<From<InvoiceIssued['data'], 'invoiceId'>, IssueFacts> &
  Partial<Pick<InvoiceIssued['data'], IssueFacts>> & {
    /** A draft has no number and no dates yet. */
    draft?: boolean;
    statusRank: number;
    /** In an owing status (issued, sent, partly paid): what can be overdue. */
    owing?: boolean;
    discardedAt?: string;
    /** Payments recorded, money moved in from other invoices included. */
    paid: number;
    refunded: number;
    transferredOut: number;
    /** Gross amount partial credit notes took off. */
    credited: number;
    /** What is still to pay, and what was paid above what is due (a credit). */
    outstanding: number;
    overpaid: number;
    sent?: boolean;
    voided?: boolean;
    sentAt?: string;
    lastSent?: { channel: SendChannel; recipient: string; at: string };
    lastPaidOn?: string;
    payments?: Omit<PaymentRecorded['data'], 'invoiceId' | 'customerId'>[];
    refunds?: Omit<RefundRecorded['data'], 'invoiceId' | 'customerId'>[];
    transfers?: Omit<PaymentTransferred['data'], 'invoiceId' | 'customerId'>[];
    /** Partial credit notes, in the order issued. */
    creditNotes?: (CreditNote & { creditNoteId: string; reason: string; issuedAt: string })[];
    /** For a prepayment: the invoice that deducts it. */
    settledBy?: SettledPrepayment | null;
    voidedAt?: string;
    voidReason?: string;
    /** The credit note that voided the invoice. */
    creditNote?: CreditNote;
    /** The projection's own bookkeeping (the last event it applied), not for answers. */
    _position?: number;
  };

/** An invoice that was issued: it has its number, dates and payment reference. */
export type IssuedInvoiceDoc = InvoiceDoc & Pick<InvoiceIssued['data'], IssueFacts>;

export const isIssued = (doc: InvoiceDoc): doc is IssuedInvoiceDoc =>
  doc.draft !== true &&
  doc.number !== undefined &&
  doc.issuedOn !== undefined &&
  doc.dueOn !== undefined &&
  doc.issuedAt !== undefined &&
  doc.paymentReference !== undefined;

/** Owed after its due day: a draft (no due day) never is. */
export const pastDue = (doc: InvoiceDoc, today: string): boolean =>
  doc.dueOn !== undefined && doc.dueOn < today;

export type InvoiceStatus =
  'draft' | 'discarded' | 'issued' | 'sent' | 'partially_paid' | 'paid' | 'credited' | 'void';

/** Each status as a number the read model filters and indexes by. */
export const invoiceStatusRank: Readonly<Record<InvoiceStatus, number>> = {
  draft: 0,
  issued: 1,
  sent: 2,
  partially_paid: 3,
  paid: 4,
  void: 5,
  discarded: 6,
  credited: 7,
};

/** Issued and not settled: the statuses an invoice can be overdue in. */
export const owingRanks: readonly number[] = [
  invoiceStatusRank.issued,
  invoiceStatusRank.sent,
  invoiceStatusRank.partially_paid,
];

const byRank = Object.fromEntries(
  Object.entries(invoiceStatusRank).map(([status, rank]) => [rank, status]),
) as Record<number, InvoiceStatus>;

/**
 * An invoice's money as its document holds it: due (the total less credit notes), received
 * (paid, less refunds and what was moved to other invoices), still owed and paid in excess.
 * A draft, a discarded draft and a void invoice owe nothing.
 */
export const invoiceMoney = (doc: InvoiceDoc) => {
  const settled = doc.draft === true || doc.voidedAt !== undefined;
  return {
    due: settled ? 0 : doc.totals.gross - doc.credited,
    received: doc.paid - doc.refunded - doc.transferredOut,
    outstanding: settled ? 0 : doc.outstanding,
    overpaid: doc.overpaid,
  };
};

/** What a set of invoices comes to in one currency. */
export type CurrencyTotals = {
  invoiced: number;
  paid: number;
  outstanding: number;
  overdue: number;
  credit: number;
  count: number;
};

const noTotals = (): CurrencyTotals => ({
  invoiced: 0,
  paid: 0,
  outstanding: 0,
  overdue: 0,
  credit: 0,
  count: 0,
});

/**
 * What `invoiceTotals` reads of each invoice (the projection's share of the totals too): a sum
 * over many invoices reads only these fields.
 */
export const invoiceTotalsFields = [
  'draft',
  'voidedAt',
  'currency',
  'totals.gross',
  'credited',
  'paid',
  'refunded',
  'transferredOut',
  'outstanding',
  'overpaid',
  'dueOn',
] as const satisfies readonly (keyof InvoiceDoc | `totals.${string}`)[];

/**
 * Invoices summed per currency on `today`: what was invoiced (less credit notes), received,
 * still owed, owed past its due day, and paid in excess. A void invoice was cancelled by its
 * credit note and a draft is not issued: neither is counted.
 */
export const invoiceTotals = (
  invoices: Iterable<InvoiceDoc>,
  today: string,
): Record<string, CurrencyTotals> => {
  const totals: Record<string, CurrencyTotals> = {};
  for (const doc of invoices) {
    if (doc.draft || doc.voidedAt) continue;
    const t = (totals[doc.currency] ??= noTotals());
    const money = invoiceMoney(doc);
    t.invoiced += money.due;
    t.paid += money.received;
    t.outstanding += money.outstanding;
    t.credit += money.overpaid;
    if (pastDue(doc, today) && money.outstanding > 0) t.overdue += money.outstanding;
    t.count += 1;
  }
  return totals;
};

/** An invoice's state; overdue is separate, from the due date. */
export const invoiceStatus = (doc: InvoiceDoc): InvoiceStatus => byRank[doc.statusRank] ?? 'issued';

/** The totals kept for all invoices (`all`) and for each customer's (`customer:<id>`). */
export const invoiceScope = (customerId?: string) =>
  customerId === undefined ? 'all' : `customer:${customerId}`;

/**
 * The part of a scope's invoices a list selects besides the customer: all of them, those in one
 * status (by its rank), those of one kind, or those of one status and kind.
 */
export const invoicePart = ({ statusRank, kind }: { statusRank?: number; kind?: string } = {}) =>
  statusRank !== undefined && kind !== undefined
    ? `status-${statusRank}-kind-${kind}`
    : statusRank !== undefined
      ? `status-${statusRank}`
      : kind !== undefined
        ? `kind-${kind}`
        : 'all';

/** Sums of one currency; a sum no invoice has changed yet is not written. */
type Sums = Partial<Omit<CurrencyTotals, 'overdue' | 'count'>> & { count: number };

/**
 * What the invoices of a scope come to per part and currency, kept as each invoice changes
 * (id: the scope), and the day of the last payment on any of them.
 */
export type InvoiceTotalsDoc = {
  _id: string;
  parts?: Record<string, Record<string, Sums>>;
  lastPaidOn?: string;
};

/**
 * A scope's invoices due on one day (`due|<scope>|<day>`): what is still owed on them per part
 * and currency, and what those in an owing status (issued, sent, partly paid) were invoiced and
 * paid — what they still owe is the difference; overdue once the day has passed.
 */
export type InvoiceDueDoc = {
  _id: string;
  scope: string;
  dueOn: string;
  owed?: Record<string, Record<string, number>>;
  owing?: Record<string, Record<string, Pick<Sums, 'invoiced' | 'paid' | 'count'>>>;
};

/** The share of the totals one invoice is (none for a draft or a void invoice), and its parts. */
export const invoiceShare = (doc: InvoiceDoc | undefined) => {
  if (!doc?.totals || doc.draft === true || doc.voidedAt !== undefined) return undefined;
  const money = invoiceMoney(doc);
  return {
    currency: doc.currency,
    customerId: doc.customerId,
    dueOn: doc.dueOn,
    parts: [
      invoicePart(),
      invoicePart({ statusRank: doc.statusRank }),
      invoicePart({ kind: doc.kind }),
      invoicePart({ statusRank: doc.statusRank, kind: doc.kind }),
    ],
    invoiced: money.due,
    paid: money.received,
    outstanding: money.outstanding,
    credit: money.overpaid,
    owing: owingRanks.includes(doc.statusRank),
  };
};

/**
 * The kept totals of one part as `invoiceTotals` gives them on `today`: a currency whose
 * invoices were all voided is left out, and what is owed on the days before today is overdue.
 */
export const keptInvoiceTotals = (
  kept: InvoiceTotalsDoc | undefined,
  due: InvoiceDueDoc[],
  today: string,
  part = invoicePart(),
): Record<string, CurrencyTotals> => {
  const totals: Record<string, CurrencyTotals> = {};
  for (const [currency, t] of Object.entries(kept?.parts?.[part] ?? {}))
    if (t.count > 0)
      totals[currency] = {
        invoiced: t.invoiced ?? 0,
        paid: t.paid ?? 0,
        outstanding: t.outstanding ?? 0,
        overdue: 0,
        credit: t.credit ?? 0,
        count: t.count,
      };
  for (const day of due)
    if (day.dueOn < today)
      for (const [currency, owed] of Object.entries(day.owed?.[part] ?? {}))
        if (totals[currency]) totals[currency].overdue += owed;
  return totals;
};

/**
 * What all invoices (no customer) or one customer's come to on `today`, in one part, and the
 * day of the last payment on them, from the kept totals: a read of one document and of the
 * due days before today, however many invoices there are.
 */
export const readInvoiceTotals = async (
  store: ReadStore,
  customerId: string | undefined,
  today: string,
  part = invoicePart(),
): Promise<{ totals: Record<string, CurrencyTotals>; lastPaidOn: string | undefined }> => {
  const scope = invoiceScope(customerId);
  const [kept, due] = await Promise.all([
    store.get<InvoiceTotalsDoc>(collections.invoiceTotals, scope),
    daysPastDue(store, scope, today),
  ]);
  return { totals: keptInvoiceTotals(kept, due, today, part), lastPaidOn: kept?.lastPaidOn };
};

/** A scope's due days before `today`. */
const daysPastDue = (store: ReadStore, scope: string, today: string) =>
  findAll<InvoiceDueDoc>(store, collections.invoiceTotals, { scope, dueOn: { $lt: today } });

/**
 * What the overdue invoices of one part come to on `today` — those in an owing status whose due
 * day has passed — as `invoiceTotals` gives them, from the due days kept before `today`.
 */
export const keptOverdueTotals = (
  due: InvoiceDueDoc[],
  today: string,
  part = invoicePart(),
): Record<string, CurrencyTotals> => {
  const totals: Record<string, CurrencyTotals> = {};
  for (const day of due)
    if (day.dueOn < today)
      for (const [currency, sums] of Object.entries(day.owing?.[part] ?? {})) {
        const t = (totals[currency] ??= noTotals());
        const owes = (sums.invoiced ?? 0) - (sums.paid ?? 0);
        t.invoiced += sums.invoiced ?? 0;
        t.paid += sums.paid ?? 0;
        t.outstanding += owes;
        t.overdue += owes;
        t.count += sums.count;
      }
  return Object.fromEntries(Object.entries(totals).filter(([, t]) => t.count > 0));
};

/**
 * What all overdue invoices (no customer) or one customer's come to on `today`, in one part:
 * a read of the due days before today, however many invoices are overdue.
 */
export const readOverdueTotals = async (
  store: ReadStore,
  customerId: string | undefined,
  today: string,
  part = invoicePart(),
): Promise<Record<string, CurrencyTotals>> =>
  keptOverdueTotals(await daysPastDue(store, invoiceScope(customerId), today), today, part);
