import { type BusinessDay, type Event } from '../envelope';

export type InvoiceKind = 'standard' | 'prepayment';

/** The prepayment invoice a settlement line deducts. */
export type SettledPrepayment = { invoiceId: string; number: string };

/**
 * A computed invoice line; every amount is integer minor units. A settlement line deducts a
 * prepayment invoice at one VAT rate: quantity -1, its net and VAT those of the prepayment at
 * that rate, so the deduction is exactly what the prepayment charged.
 */
export type InvoiceLine = {
  description: string;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  vatRate: number;
  net: number;
  vat: number;
  gross: number;
  settles?: SettledPrepayment;
  /** The catalogue entry the line sells (its code), when it names one. */
  productCode?: string;
  /** How the quantity is counted (`h`, `pcs`, `month`): the line's own, or its product's. */
  unit?: string;
  /** An amount a credit note took off (or gave back), not a sale of something. */
  adjustment?: true;
};

/** How the payment reference is built: the Estonian 7-3-1 number or ISO 11649 `RF…`. */
export const referenceSchemes = ['estonian', 'iso11649'] as const;
export type ReferenceScheme = (typeof referenceSchemes)[number];

export type InvoiceTotals = { net: number; vat: number; gross: number };

/** A number taken from a gapless yearly series, for the invoice `invoiceId`. */
export type SeriesNumber = { year: number; sequence: number; number: string; invoiceId: string };

export type InvoiceNumberAssigned = Event<'InvoiceNumberAssigned', SeriesNumber>;
/** The number of the credit note that voids invoice `invoiceId`, from its own series. */
export type CreditNoteNumberAssigned = Event<'CreditNoteNumberAssigned', SeriesNumber>;

export type InvoiceIssued = Event<
  'InvoiceIssued',
  {
    invoiceId: string;
    number: string;
    kind: InvoiceKind;
    customerId: string;
    dealId?: string;
    /** The accepted offer whose lines the invoice copies. */
    offerId?: string;
    currency: string;
    issuedOn: BusinessDay;
    dueOn: BusinessDay;
    lines: InvoiceLine[];
    totals: InvoiceTotals;
    /** What the customer quotes when paying (schema version 2; lifted from the number for 1). */
    paymentReference: string;
    /** The prepayment invoices this invoice deducts in its settlement lines. */
    settles?: SettledPrepayment[];
    issuedAt: string;
  }
>;

/** What a draft holds: everything but the number and the dates, which issuing adds. */
export type InvoiceDraftContent = {
  kind: InvoiceKind;
  customerId: string;
  dealId?: string;
  offerId?: string;
  currency: string;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
};

export type InvoiceDrafted = Event<
  'InvoiceDrafted',
  { invoiceId: string; draftedAt: string } & InvoiceDraftContent
>;
/** The draft's content replaced as a whole. */
export type InvoiceDraftUpdated = Event<
  'InvoiceDraftUpdated',
  { invoiceId: string; updatedAt: string } & InvoiceDraftContent
>;
export type InvoiceDraftDiscarded = Event<
  'InvoiceDraftDiscarded',
  { invoiceId: string; customerId: string; reason?: string; discardedAt: string }
>;

export const sendChannels = ['email', 'post', 'e-invoice', 'hand'] as const;
export type SendChannel = (typeof sendChannels)[number];

export type InvoiceSent = Event<
  'InvoiceSent',
  {
    invoiceId: string;
    customerId: string;
    number: string;
    channel: SendChannel;
    recipient: string;
    sentAt: string;
  }
>;

export type PaymentRecorded = Event<
  'PaymentRecorded',
  {
    invoiceId: string;
    customerId: string;
    /** The bank's transaction id (any text up to 100 characters): one payment per id. */
    paymentId: string;
    amount: number;
    currency: string;
    paidOn: BusinessDay;
    reference?: string;
    /** Money moved here from another invoice of the customer, not new money. */
    transferredFrom?: { invoiceId: string; number: string; transferId: string };
    /** The bank statement line the payment was matched from. */
    statement?: { statementId: string; entryId: string };
    /** What is still owed after this payment; 0 when paid in full. */
    outstanding: number;
    /** The part of the payment above what was owed, kept as a credit. */
    overpaid: number;
    recordedAt: string;
  }
>;

/**
 * A credit note with its own gapless number `CN-YYYY-NNNNNN`: its lines and totals are
 * negative. Voiding credits what was left of the invoice; a partial one chosen lines or an
 * amount.
 */
export type CreditNote = {
  number: string;
  issuedOn: BusinessDay;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
};

export type CreditNoteIssued = Event<
  'CreditNoteIssued',
  {
    invoiceId: string;
    customerId: string;
    /** The invoice's number. */
    number: string;
    creditNoteId: string;
    currency: string;
    creditNote: CreditNote;
    /** For each credited line of the invoice (by index), the quantity credited. */
    creditedLines: { line: number; quantity: number }[];
    reason: string;
    issuedAt: string;
  }
>;

/** Money paid back to the customer from what was paid on the invoice. */
export type RefundRecorded = Event<
  'RefundRecorded',
  {
    invoiceId: string;
    customerId: string;
    /** The bank's transaction id of the refund: one refund per id. */
    refundId: string;
    amount: number;
    currency: string;
    refundedOn: BusinessDay;
    reason: string;
    recordedAt: string;
  }
>;

/** Money paid on this invoice moved to another invoice of the customer (there: PaymentRecorded). */
export type PaymentTransferred = Event<
  'PaymentTransferred',
  {
    invoiceId: string;
    customerId: string;
    transferId: string;
    amount: number;
    currency: string;
    toInvoiceId: string;
    toNumber: string;
    transferredAt: string;
  }
>;

/** A prepayment invoice deducted by a later invoice; it is settled once. */
export type PrepaymentSettled = Event<
  'PrepaymentSettled',
  {
    invoiceId: string;
    customerId: string;
    number: string;
    settledBy: SettledPrepayment;
    settledAt: string;
  }
>;

/** The invoice that deducted the prepayment was voided: the prepayment is open to settle again. */
export type PrepaymentSettlementReleased = Event<
  'PrepaymentSettlementReleased',
  {
    invoiceId: string;
    customerId: string;
    number: string;
    releasedFrom: SettledPrepayment;
    releasedAt: string;
  }
>;

export type InvoiceVoided = Event<
  'InvoiceVoided',
  {
    invoiceId: string;
    customerId: string;
    number: string;
    reason: string;
    creditNote: CreditNote;
    voidedAt: string;
  }
>;

export type InvoiceSeriesEvent = InvoiceNumberAssigned | CreditNoteNumberAssigned;
export type InvoiceEvent =
  | InvoiceDrafted
  | InvoiceDraftUpdated
  | InvoiceDraftDiscarded
  | InvoiceIssued
  | InvoiceSent
  | PaymentRecorded
  | RefundRecorded
  | PaymentTransferred
  | CreditNoteIssued
  | PrepaymentSettled
  | PrepaymentSettlementReleased
  | InvoiceVoided;
