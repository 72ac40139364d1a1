import { type BusinessDay, type Event } from '../envelope';

export type InvoiceKind = 'standard' | 'prepayment';

/** A computed invoice line; every amount is integer minor units. */
export type InvoiceLine = {
  description: string;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  vatRate: number;
  net: number;
  vat: number;
  gross: number;
};

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
    paymentId: string;
    amount: number;
    currency: string;
    paidOn: BusinessDay;
    reference?: string;
    /** What is still owed after this payment; 0 when paid in full. */
    outstanding: number;
    /** The part of the payment above what was owed, kept as a credit. */
    overpaid: number;
    recordedAt: string;
  }
>;

/** A credit note cancelling the invoice in full, with its own gapless number. */
export type CreditNote = {
  number: string;
  issuedOn: BusinessDay;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
};

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
  | InvoiceVoided;
