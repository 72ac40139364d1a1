import {
  type CustomerLanguage,
  type InvoiceLine,
  type InvoiceTotals,
  type PostalAddress,
} from '#events';
import { type SellerConfig } from '#platform';
import {
  type CustomerDoc,
  type InvoiceDoc,
  invoiceMoney,
  type IssuedInvoiceDoc,
  type OfferDoc,
} from '#read-models';

/** Who the invoice is for, as printed and as the e-invoice names them. */
export type Buyer = {
  name: string;
  address?: PostalAddress;
  registryCode?: string;
  vatNumber?: string;
  email?: string;
};

/** One VAT rate's taxable amount and tax, as the VAT breakdown lists it. */
export type VatSubtotal = { rate: number; net: number; vat: number };

/**
 * An invoice, a credit note or an offer as a document: what the PDF prints and the e-invoice
 * carries, in the customer's language.
 */
export type InvoiceDocument = {
  kind: 'invoice' | 'prepayment' | 'credit-note' | 'offer';
  number: string;
  /** For an offer: what it is about (its deal's title), its version and terms, until when it holds. */
  offer?: { subject: string; version: number; validUntil: string; terms?: string };
  issuedOn: string;
  dueOn?: string;
  currency: string;
  /** For a credit note: the invoice it credits, and why. */
  credits?: { number: string; issuedOn: string; reason: string };
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  vat: VatSubtotal[];
  /** What the customer paid before the document was made, and what is left to pay. */
  paid: number;
  toPay: number;
  paymentReference?: string;
  seller: SellerConfig;
  buyer: Buyer;
  language: CustomerLanguage;
};

/** The address to bill: a billing address, else the first one, else the registry's. */
const billingAddress = (customer: CustomerDoc | undefined): PostalAddress | undefined => {
  const addresses = customer?.addresses ?? [];
  const billing = addresses.find((a) => a.label?.toLowerCase() === 'billing') ?? addresses[0];
  const chosen = billing ?? customer?.address ?? customer?.registry?.address;
  if (!chosen) return undefined;
  const { street, city, postalCode, country } = chosen;
  return {
    ...(street ? { street } : {}),
    ...(city ? { city } : {}),
    ...(postalCode ? { postalCode } : {}),
    ...(country ? { country } : {}),
  };
};

export const buyerOf = (customer: CustomerDoc | undefined, customerId: string): Buyer => {
  const address = billingAddress(customer);
  const registryCode = customer?.registry?.registryCode ?? customer?.registryCode;
  const vatNumber = customer?.registry?.vatNumber;
  const email = customer?.emails?.[0] ?? customer?.email;
  return {
    name: customer?.name ?? customerId,
    ...(address ? { address } : {}),
    ...(registryCode ? { registryCode } : {}),
    ...(vatNumber ? { vatNumber } : {}),
    ...(email ? { email } : {}),
  };
};

/** The VAT breakdown: per rate, the sum of the lines' net and VAT, highest rate first. */
export const vatBreakdown = (lines: InvoiceLine[]): VatSubtotal[] => {
  const byRate = new Map<number, VatSubtotal>();
  for (const line of lines) {
    const sum = byRate.get(line.vatRate) ?? { rate: line.vatRate, net: 0, vat: 0 };
    sum.net += line.net;
    sum.vat += line.vat;
    byRate.set(line.vatRate, sum);
  }
  return [...byRate.values()].sort((a, b) => b.rate - a.rate);
};

/** An offer's reference: its id's first eight characters and its version, `3F2A9C1D-2`. */
export const offerNumber = (offerId: string, version: number) =>
  `${offerId.replaceAll('-', '').slice(0, 8).toUpperCase()}-${version}`;

type Context = {
  seller: SellerConfig;
  customer: CustomerDoc | undefined;
  language: CustomerLanguage;
};

/** An issued invoice as a document. */
export const invoiceDocument = (invoice: IssuedInvoiceDoc, context: Context): InvoiceDocument => {
  const money = invoiceMoney(invoice);
  return {
    kind: invoice.kind === 'prepayment' ? 'prepayment' : 'invoice',
    number: invoice.number,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    currency: invoice.currency,
    lines: invoice.lines,
    totals: invoice.totals,
    vat: vatBreakdown(invoice.lines),
    paid: Math.max(0, money.received),
    toPay: money.outstanding,
    paymentReference: invoice.paymentReference,
    seller: context.seller,
    buyer: buyerOf(context.customer, invoice.customerId),
    language: context.language,
  };
};

/** The credit notes of an invoice: the partial ones and the one that voided it. */
export const creditNotesOf = (invoice: InvoiceDoc) => [
  ...(invoice.creditNotes ?? []),
  ...(invoice.creditNote && invoice.voidReason !== undefined
    ? [{ ...invoice.creditNote, reason: invoice.voidReason }]
    : []),
];

/** One credit note of an invoice as a document; undefined when it has none by that number. */
export const creditNoteDocument = (
  invoice: IssuedInvoiceDoc,
  number: string,
  context: Context,
): InvoiceDocument | undefined => {
  const note = creditNotesOf(invoice).find((n) => n.number === number);
  if (!note) return undefined;
  return {
    kind: 'credit-note',
    number: note.number,
    issuedOn: note.issuedOn,
    currency: invoice.currency,
    credits: { number: invoice.number, issuedOn: invoice.issuedOn, reason: note.reason },
    lines: note.lines,
    totals: note.totals,
    vat: vatBreakdown(note.lines),
    paid: 0,
    toPay: 0,
    seller: context.seller,
    buyer: buyerOf(context.customer, invoice.customerId),
    language: context.language,
  };
};

/** The current version of an offer as a document: nothing paid, nothing to pay. */
export const offerDocument = (
  offer: OfferDoc,
  subject: string,
  issuedOn: string,
  context: Context,
): InvoiceDocument => ({
  kind: 'offer',
  number: offerNumber(offer._id, offer.version),
  offer: {
    subject,
    version: offer.version,
    validUntil: offer.validUntil,
    ...(offer.terms ? { terms: offer.terms } : {}),
  },
  issuedOn,
  currency: offer.currency,
  lines: offer.lines,
  totals: offer.totals,
  vat: vatBreakdown(offer.lines),
  paid: 0,
  toPay: 0,
  seller: context.seller,
  buyer: buyerOf(context.customer, offer.customerId),
  language: context.language,
});
