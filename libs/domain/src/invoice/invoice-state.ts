import {
  type BusinessDay,
  type InvoiceDraftContent,
  type InvoiceEvent,
  type InvoiceKind,
  type InvoiceLine,
  type InvoiceTotals,
  type SettledPrepayment,
} from '#events';
import { unreachable } from '../decider';

/**
 * Overdue is not a state: it is read from the due date at query time. `credited`: credit
 * notes took the whole amount off, nothing is owed.
 */
export type InvoiceStatus = 'issued' | 'sent' | 'partially_paid' | 'paid' | 'credited' | 'void';

/** What credit notes took off one line so far. */
export type CreditedLine = { quantity: number; net: number; vat: number };

export type IssuedInvoice = {
  status: InvoiceStatus;
  invoiceId: string;
  number: string;
  kind: InvoiceKind;
  customerId: string;
  dealId?: string;
  currency: string;
  issuedOn: string;
  dueOn: string;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  paymentReference: string;
  sent: boolean;
  voided: boolean;
  /** Payments recorded, money moved in from other invoices included. */
  paid: number;
  refunded: number;
  transferredOut: number;
  /** Gross amount taken off by partial credit notes. */
  credited: number;
  creditedLines: CreditedLine[];
  /** Lines of credit notes that took an amount off, not a part of a line. */
  amountCredits: InvoiceLine[];
  /** Each payment's id (the bank's transaction id) with its amount. */
  payments: ReadonlyMap<string, number>;
  /** The day money first came in (a payment, or money moved in); null while none has. */
  firstPaidOn: BusinessDay | null;
  /** Each refund's id with its amount. */
  refunds: ReadonlyMap<string, number>;
  transfers: ReadonlySet<string>;
  creditNotes: ReadonlySet<string>;
  /** For a standard invoice: the prepayments it deducts. */
  settles: SettledPrepayment[];
  /** For a prepayment: the invoice that deducted it. */
  settledBy: SettledPrepayment | null;
};

export type DraftInvoice = {
  status: 'draft' | 'discarded';
  invoiceId: string;
  customerId: string;
  content: InvoiceDraftContent;
};

export type InvoiceState = { status: 'none' } | DraftInvoice | IssuedInvoice;

export const isIssued = (state: InvoiceState): state is IssuedInvoice =>
  state.status !== 'none' && state.status !== 'draft' && state.status !== 'discarded';

/** What the customer owes in all: the total less what credit notes took off. */
export const amountDue = (invoice: Pick<InvoiceBalance, 'totals' | 'credited'>) =>
  invoice.totals.gross - invoice.credited;

/** The money held for the invoice: paid, less refunds and what was moved elsewhere. */
export const amountReceived = (
  invoice: Pick<InvoiceBalance, 'paid' | 'refunded' | 'transferredOut'>,
) => invoice.paid - invoice.refunded - invoice.transferredOut;

/** Still to pay; 0 when paid in full or more. */
export const amountOutstanding = (invoice: InvoiceBalance) =>
  Math.max(0, amountDue(invoice) - amountReceived(invoice));

/** Paid above what is due: a credit to refund or move to another invoice. */
export const amountOverpaid = (invoice: InvoiceBalance) =>
  Math.max(0, amountReceived(invoice) - amountDue(invoice));

/** The amounts an issued invoice's status follows, as its state and its read model keep them. */
export type InvoiceBalance = {
  totals: { gross: number };
  credited: number;
  paid: number;
  refunded: number;
  transferredOut: number;
  sent: boolean;
  voided: boolean;
};

/** Where an issued invoice stands: moves back too, when a payment is refunded or moved. */
export const invoiceStatusOf = (invoice: InvoiceBalance): InvoiceStatus => {
  if (invoice.voided) return 'void';
  const due = amountDue(invoice);
  const received = amountReceived(invoice);
  if (due <= 0 && invoice.credited > 0) return 'credited';
  if (received > 0 && received >= due) return 'paid';
  if (received > 0) return 'partially_paid';
  return invoice.sent ? 'sent' : 'issued';
};

const statusOf = invoiceStatusOf;

const withStatus = (invoice: IssuedInvoice): IssuedInvoice => ({
  ...invoice,
  status: statusOf(invoice),
});

const added = (set: ReadonlySet<string>, id: string) => new Set(set).add(id);
const kept = (map: ReadonlyMap<string, number>, id: string, amount: number) =>
  new Map(map).set(id, amount);

const issuedFrom = (data: Extract<InvoiceEvent, { type: 'InvoiceIssued' }>['data']) =>
  withStatus({
    status: 'issued',
    invoiceId: data.invoiceId,
    number: data.number,
    kind: data.kind,
    customerId: data.customerId,
    ...(data.dealId ? { dealId: data.dealId } : {}),
    currency: data.currency,
    issuedOn: data.issuedOn,
    dueOn: data.dueOn,
    lines: data.lines,
    totals: data.totals,
    paymentReference: data.paymentReference,
    sent: false,
    voided: false,
    paid: 0,
    refunded: 0,
    transferredOut: 0,
    credited: 0,
    creditedLines: data.lines.map(() => ({ quantity: 0, net: 0, vat: 0 })),
    amountCredits: [],
    payments: new Map(),
    firstPaidOn: null,
    refunds: new Map(),
    transfers: new Set(),
    creditNotes: new Set(),
    settles: data.settles ?? [],
    settledBy: null,
  });

const evolveIssued = (state: IssuedInvoice, event: InvoiceEvent): IssuedInvoice => {
  switch (event.type) {
    case 'InvoiceDrafted':
    case 'InvoiceDraftUpdated':
    case 'InvoiceDraftDiscarded':
    case 'InvoiceIssued':
      return state;
    case 'InvoiceSent':
      return withStatus({ ...state, sent: true });
    case 'PaymentRecorded':
      return withStatus({
        ...state,
        paid: state.paid + event.data.amount,
        payments: kept(state.payments, event.data.paymentId, event.data.amount),
        firstPaidOn:
          state.firstPaidOn === null || event.data.paidOn < state.firstPaidOn
            ? event.data.paidOn
            : state.firstPaidOn,
      });
    case 'RefundRecorded':
      return withStatus({
        ...state,
        refunded: state.refunded + event.data.amount,
        refunds: kept(state.refunds, event.data.refundId, event.data.amount),
      });
    case 'PaymentTransferred':
      return withStatus({
        ...state,
        transferredOut: state.transferredOut + event.data.amount,
        transfers: added(state.transfers, event.data.transferId),
      });
    case 'CreditNoteIssued': {
      const creditedLines = state.creditedLines.map((c) => ({ ...c }));
      event.data.creditedLines.forEach(({ line, quantity }, i) => {
        const credited = event.data.creditNote.lines[i];
        const c = creditedLines[line];
        if (!c || !credited) return;
        c.quantity += quantity;
        c.net -= credited.net;
        c.vat -= credited.vat;
      });
      return withStatus({
        ...state,
        credited: state.credited - event.data.creditNote.totals.gross,
        creditedLines,
        amountCredits: [
          ...state.amountCredits,
          ...event.data.creditNote.lines.slice(event.data.creditedLines.length),
        ],
        creditNotes: added(state.creditNotes, event.data.creditNoteId),
      });
    }
    case 'PrepaymentSettled':
      return { ...state, settledBy: event.data.settledBy };
    case 'PrepaymentSettlementReleased':
      return { ...state, settledBy: null };
    case 'InvoiceVoided':
      return withStatus({ ...state, voided: true });
    default:
      return unreachable(event);
  }
};

export const evolveInvoice = (state: InvoiceState, event: InvoiceEvent): InvoiceState => {
  if (event.type === 'InvoiceDrafted' || event.type === 'InvoiceDraftUpdated') {
    const {
      invoiceId,
      draftedAt: _d,
      updatedAt: _u,
      ...content
    } = event.data as typeof event.data & { draftedAt?: string; updatedAt?: string };
    return { status: 'draft', invoiceId, customerId: content.customerId, content };
  }
  if (event.type === 'InvoiceDraftDiscarded')
    return state.status === 'draft' ? { ...state, status: 'discarded' } : state;
  if (event.type === 'InvoiceIssued') return issuedFrom(event.data);
  return isIssued(state) ? evolveIssued(state, event) : state;
};
