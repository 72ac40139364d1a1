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

export type InvoiceNumberAssigned = Event<
  'InvoiceNumberAssigned',
  { year: number; sequence: number; number: string; invoiceId: string }
>;

export type InvoiceIssued = Event<
  'InvoiceIssued',
  {
    invoiceId: string;
    number: string;
    kind: InvoiceKind;
    customerId: string;
    dealId?: string;
    currency: string;
    issuedOn: BusinessDay;
    dueOn: BusinessDay;
    lines: InvoiceLine[];
    totals: InvoiceTotals;
    issuedAt: string;
  }
>;

export type InvoiceSeriesEvent = InvoiceNumberAssigned;
export type InvoiceEvent = InvoiceIssued;
