import {
  type BusinessDay,
  compactReference,
  creditorReference,
  estonianReference,
  type InvoiceDraftContent,
  type InvoiceEvent,
  type InvoiceKind,
  type InvoiceLine,
  isCreditorReference,
  isEstonianReference,
  plainMoney,
  referenceBase,
  type ReferenceScheme,
  type SendChannel,
  type SettledPrepayment,
} from '#events';
import { alreadyExists, type Decider, notAhead, notFound, unreachable, violated } from '../decider';
import { type CreditSelection, creditFor, remainingCredit } from './credit-notes';
import { checkedTotalOf, type InvoiceLineInput, priceLine, totalOf } from './invoice-math';
import {
  amountDue,
  amountOutstanding,
  amountReceived,
  evolveInvoice,
  type InvoiceState,
  type IssuedInvoice,
  isIssued,
} from './invoice-state';
import { checkSettleable, type PrepaymentToSettle, settlementLines } from './prepayment-settlement';

export * from './invoice-state';

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
/** A draft's new content: it keeps its customer, deal and offer. */
export type UpdateInvoiceDraft = { type: 'UpdateInvoiceDraft' } & Omit<
  DraftInput,
  'customerId' | 'dealId' | 'offerId'
>;
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
  /** A reference the client chose; without it one is made from the number. */
  paymentReference?: string;
  referenceScheme: ReferenceScheme;
  /** The prepayment invoices this one deducts, as loaded from their streams. */
  settle: PrepaymentToSettle[];
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
  transferredFrom?: { invoiceId: string; number: string; transferId: string };
  statement?: { statementId: string; entryId: string };
  /**
   * The business's day, for a payment entered by hand: it is not dated later. A bank's booking
   * (from a statement) is taken as the bank dated it.
   */
  today?: BusinessDay;
  now: string;
};
export type RecordRefund = {
  type: 'RecordRefund';
  invoiceId: string;
  refundId: string;
  amount: number;
  currency: string;
  refundedOn: BusinessDay;
  reason: string;
  today: BusinessDay;
  now: string;
};
/** Moves money paid on this invoice to another invoice of the customer (loaded). */
export type TransferPayment = {
  type: 'TransferPayment';
  invoiceId: string;
  transferId: string;
  amount: number;
  to: Pick<IssuedInvoice, 'invoiceId' | 'number' | 'customerId' | 'currency' | 'status'>;
  now: string;
};
/** The handler takes the credit note's number from its own series first. */
export type IssueCreditNote = {
  type: 'IssueCreditNote';
  invoiceId: string;
  creditNoteId: string;
  creditNoteNumber: string;
  today: BusinessDay;
  reason: string;
  selection: CreditSelection;
  now: string;
};
export type VoidInvoice = {
  type: 'VoidInvoice';
  invoiceId: string;
  reason: string;
  creditNoteNumber: string;
  today: BusinessDay;
  now: string;
};
export type SettlePrepayment = {
  type: 'SettlePrepayment';
  invoiceId: string;
  by: SettledPrepayment;
  now: string;
};
export type ReleasePrepayment = {
  type: 'ReleasePrepayment';
  invoiceId: string;
  from: SettledPrepayment;
  now: string;
};

export type InvoiceCommand =
  | DraftInvoiceCommand
  | UpdateInvoiceDraft
  | DiscardInvoiceDraft
  | IssueInvoice
  | SendInvoice
  | RecordPayment
  | RecordRefund
  | TransferPayment
  | IssueCreditNote
  | VoidInvoice
  | SettlePrepayment
  | ReleasePrepayment;

/**
 * A prepayment invoice's lines sell nothing yet (the final invoice does): they keep their text
 * but name no catalogue product, so a product's sales count the final invoice only.
 */
const pricedLines = (kind: InvoiceKind, lines: InvoiceLineInput[]) =>
  lines.map((line) => {
    if (kind !== 'prepayment' || !line.productCode) return priceLine(line);
    const { productCode: _code, ...rest } = line;
    return priceLine(rest);
  });

const draftContent = (command: DraftInput): InvoiceDraftContent => {
  if (command.lines.length === 0)
    throw violated('lines-required', 'An invoice needs at least one line');
  const lines = pricedLines(command.kind, command.lines);
  return {
    kind: command.kind,
    customerId: command.customerId,
    ...(command.dealId ? { dealId: command.dealId } : {}),
    ...(command.offerId ? { offerId: command.offerId } : {}),
    currency: command.currency,
    lines,
    totals: checkedTotalOf(lines),
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
  const { customerId, dealId, offerId } = state.content;
  const content = draftContent({
    ...command,
    customerId,
    ...(dealId ? { dealId } : {}),
    ...(offerId ? { offerId } : {}),
  });
  if (JSON.stringify(content) === JSON.stringify(state.content)) return [];
  return [
    {
      type: 'InvoiceDraftUpdated',
      data: { invoiceId: state.invoiceId, ...content, updatedAt: command.now },
    },
  ];
};

const money = plainMoney;

/** Whether a reference is a valid Estonian reference number or ISO 11649 creditor reference. */
export const isPaymentReference = (value: string): boolean => {
  const compact = compactReference(value);
  return compact.startsWith('RF') ? isCreditorReference(compact) : isEstonianReference(compact);
};

/** The reference an invoice gets: the one given (checked), or one made from its number. */
const referenceFor = (command: IssueInvoice): string => {
  if (command.paymentReference !== undefined) {
    if (!isPaymentReference(command.paymentReference))
      throw violated(
        'invalid-payment-reference',
        'A payment reference is an Estonian reference number (7-3-1 check digit) or an ISO 11649 RF reference',
      );
    return compactReference(command.paymentReference);
  }
  const base = referenceBase(command.number);
  return command.referenceScheme === 'iso11649' ? creditorReference(base) : estonianReference(base);
};

const settlement = (command: IssueInvoice): InvoiceLine[] => {
  if (command.settle.length === 0) return [];
  if (command.kind === 'prepayment')
    throw violated('prepayment-cannot-settle', 'A prepayment invoice does not settle others');
  const by = { invoiceId: command.invoiceId, number: command.number };
  const seen = new Set<string>();
  for (const prepayment of command.settle) {
    if (seen.has(prepayment.invoiceId))
      throw violated('prepayment-twice', `Prepayment ${prepayment.number} is named twice`);
    seen.add(prepayment.invoiceId);
    checkSettleable(prepayment, by, command.customerId, command.currency);
  }
  return command.settle.flatMap(settlementLines);
};

const issue = (command: IssueInvoice, state: InvoiceState): InvoiceEvent[] => {
  if (state.status === 'discarded')
    throw violated('invoice-discarded', 'A discarded draft is not issued');
  if (state.status !== 'none' && state.status !== 'draft')
    throw alreadyExists('invoice', command.invoiceId);
  if (command.lines.length === 0)
    throw violated('lines-required', 'An invoice needs at least one line');
  if (command.dueOn < command.issuedOn)
    throw violated('due-after-issue', 'The due date cannot be before the issue date');
  const sold = pricedLines(command.kind, command.lines);
  if (checkedTotalOf(sold).gross < 0)
    throw violated(
      'negative-invoice',
      'An invoice cannot total less than zero; credit an earlier invoice instead',
    );
  const deductions = settlement(command);
  const lines = [...sold, ...deductions];
  const totals = totalOf(lines);
  if (totals.gross < 0)
    throw violated(
      'settlement-exceeds-invoice',
      `The prepayments deduct more than the invoice charges (${money(-totals.gross, command.currency)} too much)`,
    );
  const paymentReference = referenceFor(command);
  const {
    type: _t,
    now,
    lines: _l,
    settle,
    paymentReference: _r,
    referenceScheme: _s,
    ...rest
  } = command;
  return [
    {
      type: 'InvoiceIssued',
      data: {
        ...rest,
        lines,
        totals,
        paymentReference,
        ...(settle.length > 0
          ? { settles: settle.map((p) => ({ invoiceId: p.invoiceId, number: p.number })) }
          : {}),
        issuedAt: now,
      },
    },
  ];
};

const notVoid = (invoice: IssuedInvoice, action: string) => {
  if (invoice.status === 'void')
    throw violated('invoice-void', `A void invoice cannot be ${action}`);
  return invoice;
};

const sameCurrency = (invoice: IssuedInvoice, currency: string) => {
  if (currency !== invoice.currency)
    throw violated('currency-mismatch', `The invoice is in ${invoice.currency}`);
};

/**
 * Whether a payment's or refund's id was recorded before: with the same amount it is the same
 * one again (a retry, nothing to record); with another, a mistake that recording nothing would
 * hide.
 */
const recordedBefore = (
  what: 'payment' | 'refund',
  id: string,
  amount: number,
  recorded: ReadonlyMap<string, number>,
  currency: string,
): boolean => {
  const before = recorded.get(id);
  if (before === undefined) return false;
  if (before === amount) return true;
  throw violated(
    `${what}-id-taken`,
    `The ${what} ${id} was recorded for ${money(before, currency)}; one id names one ${what}`,
  );
};

const pay = (command: RecordPayment, invoice: IssuedInvoice): InvoiceEvent[] => {
  // The same bank transaction recorded twice is one payment.
  if (
    recordedBefore('payment', command.paymentId, command.amount, invoice.payments, invoice.currency)
  )
    return [];
  notVoid(invoice, 'paid');
  sameCurrency(invoice, command.currency);
  if (command.amount <= 0) throw violated('amount-positive', 'A payment amount must be positive');
  if (command.today !== undefined)
    notAhead('paid-in-future', 'A payment is not received', command.paidOn, command.today);
  const owed = amountOutstanding(invoice);
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
        ...(command.transferredFrom ? { transferredFrom: command.transferredFrom } : {}),
        ...(command.statement ? { statement: command.statement } : {}),
        outstanding: Math.max(0, owed - command.amount),
        overpaid,
        recordedAt: command.now,
      },
    },
  ];
};

const refund = (command: RecordRefund, invoice: IssuedInvoice): InvoiceEvent[] => {
  if (recordedBefore('refund', command.refundId, command.amount, invoice.refunds, invoice.currency))
    return [];
  notVoid(invoice, 'refunded');
  sameCurrency(invoice, command.currency);
  if (command.amount <= 0) throw violated('amount-positive', 'A refund amount must be positive');
  const received = amountReceived(invoice);
  if (command.amount > received)
    throw violated(
      'refund-exceeds-payments',
      `Only ${money(received, invoice.currency)} was paid and not refunded or moved`,
    );
  notAhead('refunded-in-future', 'A refund is not paid back', command.refundedOn, command.today);
  if (invoice.firstPaidOn !== null && command.refundedOn < invoice.firstPaidOn)
    throw violated(
      'refund-before-payment',
      `Nothing was paid before ${invoice.firstPaidOn}: a refund is dated that day or later`,
    );
  return [
    {
      type: 'RefundRecorded',
      data: {
        invoiceId: invoice.invoiceId,
        customerId: invoice.customerId,
        refundId: command.refundId,
        amount: command.amount,
        currency: command.currency,
        refundedOn: command.refundedOn,
        reason: command.reason,
        recordedAt: command.now,
      },
    },
  ];
};

const transfer = (command: TransferPayment, invoice: IssuedInvoice): InvoiceEvent[] => {
  if (invoice.transfers.has(command.transferId)) return [];
  notVoid(invoice, 'paid from');
  const { to } = command;
  if (to.invoiceId === invoice.invoiceId)
    throw violated('same-invoice', 'Money is moved to another invoice');
  if (to.customerId !== invoice.customerId)
    throw violated('invoice-of-another-customer', `Invoice ${to.number} is another customer's`);
  sameCurrency(invoice, to.currency);
  if (to.status === 'void') throw violated('invoice-void', `Invoice ${to.number} is void`);
  if (command.amount <= 0) throw violated('amount-positive', 'An amount must be positive');
  const received = amountReceived(invoice);
  if (command.amount > received)
    throw violated(
      'transfer-exceeds-payments',
      `Only ${money(received, invoice.currency)} was paid and not refunded or moved`,
    );
  return [
    {
      type: 'PaymentTransferred',
      data: {
        invoiceId: invoice.invoiceId,
        customerId: invoice.customerId,
        transferId: command.transferId,
        amount: command.amount,
        currency: invoice.currency,
        toInvoiceId: to.invoiceId,
        toNumber: to.number,
        transferredAt: command.now,
      },
    },
  ];
};

const creditNote = (command: IssueCreditNote, invoice: IssuedInvoice): InvoiceEvent[] => {
  if (invoice.creditNotes.has(command.creditNoteId)) return [];
  notVoid(invoice, 'credited');
  if (invoice.settledBy)
    throw violated(
      'prepayment-settled',
      `The prepayment is deducted by invoice ${invoice.settledBy.number}; credit that one instead`,
    );
  if (command.reason.trim() === '')
    throw violated('reason-required', 'A credit note needs a reason');
  const credit = creditFor(invoice, command.selection);
  const totals = totalOf(credit.lines);
  if (-totals.gross > amountDue(invoice))
    throw violated('credit-exceeds-invoice', 'A credit note cannot take off more than is due');
  return [
    {
      type: 'CreditNoteIssued',
      data: {
        invoiceId: invoice.invoiceId,
        customerId: invoice.customerId,
        number: invoice.number,
        creditNoteId: command.creditNoteId,
        currency: invoice.currency,
        creditNote: {
          number: command.creditNoteNumber,
          issuedOn: command.today,
          lines: credit.lines,
          totals,
        },
        creditedLines: credit.creditedLines,
        reason: command.reason,
        issuedAt: command.now,
      },
    },
  ];
};

const voidInvoice = (command: VoidInvoice, invoice: IssuedInvoice): InvoiceEvent[] => {
  notVoid(invoice, 'voided again');
  if (amountReceived(invoice) !== 0)
    throw violated(
      'invoice-has-payments',
      'Refund the payments, or move them to another invoice, before voiding the invoice',
    );
  if (invoice.settledBy)
    throw violated(
      'prepayment-settled',
      `The prepayment is deducted by invoice ${invoice.settledBy.number}; void that one first`,
    );
  if (command.reason.trim() === '') throw violated('reason-required', 'Voiding needs a reason');
  const lines = remainingCredit(invoice);
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

const settle = (command: SettlePrepayment, invoice: IssuedInvoice): InvoiceEvent[] => {
  if (invoice.settledBy?.invoiceId === command.by.invoiceId) return [];
  checkSettleable(invoice, command.by, invoice.customerId, invoice.currency);
  return [
    {
      type: 'PrepaymentSettled',
      data: {
        invoiceId: invoice.invoiceId,
        customerId: invoice.customerId,
        number: invoice.number,
        settledBy: command.by,
        settledAt: command.now,
      },
    },
  ];
};

const release = (command: ReleasePrepayment, invoice: IssuedInvoice): InvoiceEvent[] =>
  invoice.settledBy?.invoiceId === command.from.invoiceId
    ? [
        {
          type: 'PrepaymentSettlementReleased',
          data: {
            invoiceId: invoice.invoiceId,
            customerId: invoice.customerId,
            number: invoice.number,
            releasedFrom: command.from,
            releasedAt: command.now,
          },
        },
      ]
    : [];

export const issuedOf = (state: InvoiceState, invoiceId: string): IssuedInvoice => {
  if (state.status === 'none') throw notFound('invoice', invoiceId);
  if (!isIssued(state)) throw violated('invoice-not-issued', 'Issue the draft first');
  return state;
};

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
    case 'RecordRefund':
      return refund(command, invoice);
    case 'TransferPayment':
      return transfer(command, invoice);
    case 'IssueCreditNote':
      return creditNote(command, invoice);
    case 'VoidInvoice':
      return voidInvoice(command, invoice);
    case 'SettlePrepayment':
      return settle(command, invoice);
    case 'ReleasePrepayment':
      return release(command, invoice);
    default:
      return unreachable(command);
  }
};

export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  decide,
  evolve: evolveInvoice,
  initialState: () => ({ status: 'none' }),
};
