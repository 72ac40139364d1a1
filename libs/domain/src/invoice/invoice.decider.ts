import {
  type BusinessDay,
  type InvoiceEvent,
  type InvoiceDraftContent,
  type InvoiceKind,
  type InvoiceLine,
  type InvoiceTotals,
  type SendChannel,
} from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type InvoiceLineInput, priceLine, totalOf } from './invoice-math';

/** Overdue is not a state: it is read from the due date at query time. */
export type InvoiceStatus = 'issued' | 'sent' | 'partially_paid' | 'paid' | 'void';

export type IssuedInvoice = {
  status: InvoiceStatus;
  invoiceId: string;
  number: string;
  customerId: string;
  currency: string;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  paid: number;
  payments: ReadonlySet<string>;
};

export type DraftInvoice = {
  status: 'draft' | 'discarded';
  invoiceId: string;
  customerId: string;
  content: InvoiceDraftContent;
};

export type InvoiceState = { status: 'none' } | DraftInvoice | IssuedInvoice;

type DraftInput = {
  invoiceId: string;
  kind: InvoiceKind;
  customerId: string;
  dealId?: string;
  offerId?: string;
  currency: string;
  lines: InvoiceLineInput[];
  now: string;
};
export type DraftInvoiceCommand = { type: 'DraftInvoice' } & DraftInput;
export type UpdateInvoiceDraft = { type: 'UpdateInvoiceDraft' } & DraftInput;
export type DiscardInvoiceDraft = {
  type: 'DiscardInvoiceDraft';
  invoiceId: string;
  reason?: string;
  now: string;
};

export type IssueInvoice = {
  type: 'IssueInvoice';
  invoiceId: string;
  number: string;
  kind: InvoiceKind;
  customerId: string;
  dealId?: string;
  offerId?: string;
  currency: string;
  issuedOn: BusinessDay;
  dueOn: BusinessDay;
  lines: InvoiceLineInput[];
  now: string;
};
export type SendInvoice = {
  type: 'SendInvoice';
  invoiceId: string;
  channel: SendChannel;
  recipient: string;
  now: string;
};
export type RecordPayment = {
  type: 'RecordPayment';
  invoiceId: string;
  paymentId: string;
  amount: number;
  currency: string;
  paidOn: BusinessDay;
  reference?: string;
  /** Accept a payment above what is owed, keeping the surplus as a credit. */
  allowOverpayment: boolean;
  now: string;
};
/** The handler takes the credit note's number from its own series first. */
export type VoidInvoice = {
  type: 'VoidInvoice';
  invoiceId: string;
  reason: string;
  creditNoteNumber: string;
  today: BusinessDay;
  now: string;
};

export type InvoiceCommand =
  | DraftInvoiceCommand
  | UpdateInvoiceDraft
  | DiscardInvoiceDraft
  | IssueInvoice
  | SendInvoice
  | RecordPayment
  | VoidInvoice;

const draftContent = (command: DraftInput): InvoiceDraftContent => {
  if (command.lines.length === 0)
    throw violated('lines-required', 'An invoice needs at least one line');
  const lines = command.lines.map(priceLine);
  return {
    kind: command.kind,
    customerId: command.customerId,
    ...(command.dealId ? { dealId: command.dealId } : {}),
    ...(command.offerId ? { offerId: command.offerId } : {}),
    currency: command.currency,
    lines,
    totals: totalOf(lines),
  };
};

const drafts = (
  command: DraftInvoiceCommand | UpdateInvoiceDraft | DiscardInvoiceDraft,
  state: InvoiceState,
): InvoiceEvent[] => {
  if (command.type === 'DraftInvoice') {
    if (state.status !== 'none') throw alreadyExists('invoice', command.invoiceId);
    return [
      {
        type: 'InvoiceDrafted',
        data: { invoiceId: command.invoiceId, ...draftContent(command), draftedAt: command.now },
      },
    ];
  }
  if (state.status === 'none') throw notFound('invoice', command.invoiceId);
  if (state.status !== 'draft')
    throw violated('invoice-not-draft', `A ${state.status} invoice is no draft any more`);
  if (command.type === 'DiscardInvoiceDraft')
    return [
      {
        type: 'InvoiceDraftDiscarded',
        data: {
          invoiceId: state.invoiceId,
          customerId: state.customerId,
          ...(command.reason ? { reason: command.reason } : {}),
          discardedAt: command.now,
        },
      },
    ];
  const content = draftContent(command);
  if (JSON.stringify(content) === JSON.stringify(state.content)) return [];
  return [
    {
      type: 'InvoiceDraftUpdated',
      data: { invoiceId: state.invoiceId, ...content, updatedAt: command.now },
    },
  ];
};

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;

const issue = (command: IssueInvoice, state: InvoiceState): InvoiceEvent[] => {
  if (state.status === 'discarded')
    throw violated('invoice-discarded', 'A discarded draft is not issued');
  if (state.status !== 'none' && state.status !== 'draft')
    throw alreadyExists('invoice', command.invoiceId);
  if (command.lines.length === 0)
    throw violated('lines-required', 'An invoice needs at least one line');
  if (command.dueOn < command.issuedOn)
    throw violated('due-after-issue', 'The due date cannot be before the issue date');
  const lines = command.lines.map(priceLine);
  const { type: _t, now, lines: _l, ...rest } = command;
  return [
    { type: 'InvoiceIssued', data: { ...rest, lines, totals: totalOf(lines), issuedAt: now } },
  ];
};

const notVoid = (invoice: IssuedInvoice, action: string) => {
  if (invoice.status === 'void')
    throw violated('invoice-void', `A void invoice cannot be ${action}`);
  return invoice;
};

const pay = (command: RecordPayment, invoice: IssuedInvoice): InvoiceEvent[] => {
  notVoid(invoice, 'paid');
  // The same bank payment imported twice is one payment.
  if (invoice.payments.has(command.paymentId)) return [];
  if (command.currency !== invoice.currency)
    throw violated('currency-mismatch', `The invoice is in ${invoice.currency}`);
  if (command.amount <= 0) throw violated('amount-positive', 'A payment amount must be positive');
  const owed = Math.max(0, invoice.totals.gross - invoice.paid);
  const overpaid = Math.max(0, command.amount - owed);
  if (overpaid > 0 && !command.allowOverpayment)
    throw violated(
      owed === 0 ? 'invoice-paid' : 'overpayment',
      owed === 0
        ? 'The invoice is paid in full; record the payment with allowOverpayment to keep it as a credit'
        : `Only ${money(owed, invoice.currency)} is owed; send allowOverpayment to keep the surplus as a credit`,
    );
  return [
    {
      type: 'PaymentRecorded',
      data: {
        invoiceId: invoice.invoiceId,
        customerId: invoice.customerId,
        paymentId: command.paymentId,
        amount: command.amount,
        currency: command.currency,
        paidOn: command.paidOn,
        ...(command.reference ? { reference: command.reference } : {}),
        outstanding: Math.max(0, owed - command.amount),
        overpaid,
        recordedAt: command.now,
      },
    },
  ];
};

const voidInvoice = (command: VoidInvoice, invoice: IssuedInvoice): InvoiceEvent[] => {
  notVoid(invoice, 'voided again');
  if (invoice.paid > 0)
    throw violated('invoice-has-payments', 'Refund the payments before voiding the invoice');
  if (command.reason.trim() === '') throw violated('reason-required', 'Voiding needs a reason');
  const negate = (l: InvoiceLine): InvoiceLine => ({
    ...l,
    quantity: -l.quantity,
    net: -l.net,
    vat: -l.vat,
    gross: -l.gross,
  });
  const lines = invoice.lines.map(negate);
  return [
    {
      type: 'InvoiceVoided',
      data: {
        invoiceId: invoice.invoiceId,
        customerId: invoice.customerId,
        number: invoice.number,
        reason: command.reason,
        creditNote: {
          number: command.creditNoteNumber,
          issuedOn: command.today,
          lines,
          totals: totalOf(lines),
        },
        voidedAt: command.now,
      },
    },
  ];
};

const issuedOf = (state: InvoiceState, invoiceId: string): IssuedInvoice => {
  if (state.status === 'none') throw notFound('invoice', invoiceId);
  if (state.status === 'draft' || state.status === 'discarded')
    throw violated('invoice-not-issued', 'Issue the draft first');
  return state as IssuedInvoice;
};

const isIssued = (state: InvoiceState): state is IssuedInvoice =>
  state.status !== 'none' && state.status !== 'draft' && state.status !== 'discarded';

const decide = (command: InvoiceCommand, state: InvoiceState): InvoiceEvent[] => {
  if (command.type === 'IssueInvoice') return issue(command, state);
  if (
    command.type === 'DraftInvoice' ||
    command.type === 'UpdateInvoiceDraft' ||
    command.type === 'DiscardInvoiceDraft'
  )
    return drafts(command, state);
  const invoice = issuedOf(state, command.invoiceId);
  switch (command.type) {
    case 'SendInvoice':
      notVoid(invoice, 'sent');
      return [
        {
          type: 'InvoiceSent',
          data: {
            invoiceId: invoice.invoiceId,
            customerId: invoice.customerId,
            number: invoice.number,
            channel: command.channel,
            recipient: command.recipient,
            sentAt: command.now,
          },
        },
      ];
    case 'RecordPayment':
      return pay(command, invoice);
    case 'VoidInvoice':
      return voidInvoice(command, invoice);
    default:
      return unreachable(command);
  }
};

const evolve = (state: InvoiceState, event: InvoiceEvent): InvoiceState => {
  if (event.type === 'InvoiceDrafted' || event.type === 'InvoiceDraftUpdated') {
    const {
      invoiceId,
      draftedAt: _d,
      updatedAt: _u,
      ...content
    } = event.data as typeof event.data & {
      draftedAt?: string;
      updatedAt?: string;
    };
    return { status: 'draft', invoiceId, customerId: content.customerId, content };
  }
  if (event.type === 'InvoiceDraftDiscarded')
    return state.status === 'draft' ? { ...state, status: 'discarded' } : state;
  if (event.type === 'InvoiceIssued') {
    const { invoiceId, number, customerId, currency, lines, totals } = event.data;
    return {
      status: 'issued',
      invoiceId,
      number,
      customerId,
      currency,
      lines,
      totals,
      paid: 0,
      payments: new Set(),
    };
  }
  if (!isIssued(state)) return state;
  switch (event.type) {
    case 'InvoiceSent':
      return state.status === 'issued' ? { ...state, status: 'sent' } : state;
    case 'PaymentRecorded': {
      const paid = state.paid + event.data.amount;
      return {
        ...state,
        paid,
        payments: new Set(state.payments).add(event.data.paymentId),
        status: paid >= state.totals.gross ? 'paid' : 'partially_paid',
      };
    }
    case 'InvoiceVoided':
      return { ...state, status: 'void' };
    default:
      return unreachable(event);
  }
};

export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
