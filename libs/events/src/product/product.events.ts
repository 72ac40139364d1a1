import { type Event } from '../envelope';

/** What a catalogue entry sells: goods, or work and services. */
export const productKinds = ['product', 'service'] as const;
export type ProductKind = (typeof productKinds)[number];

/** A unit price in one currency, integer minor units (net of VAT). */
export type ProductPrice = { currency: string; unitPrice: number };

/**
 * A product or service put in the catalogue under its code (upper case, for good): what offer
 * and invoice lines naming the code take their text, price and VAT rate from.
 */
export type ProductAdded = Event<
  'ProductAdded',
  {
    productCode: string;
    name: string;
    kind: ProductKind;
    /** How it is counted on a line: `pcs`, `h`, `month` … */
    unit: string;
    vatRate: number;
    prices: ProductPrice[];
    description?: string;
    addedAt: string;
  }
>;
/** Its name, kind, unit, VAT rate or description changed: each field given is the new one. */
export type ProductDetailsChanged = Event<
  'ProductDetailsChanged',
  {
    productCode: string;
    name?: string;
    kind?: ProductKind;
    unit?: string;
    vatRate?: number;
    /** An empty text clears it. */
    description?: string;
    changedAt: string;
  }
>;
/** Its price in one currency from now on; `unitPrice` null: it is no longer sold in it. */
export type ProductPriced = Event<
  'ProductPriced',
  {
    productCode: string;
    currency: string;
    unitPrice: number | null;
    previousUnitPrice: number | null;
    pricedAt: string;
  }
>;
/** No longer sold: new lines may not name it; lines that did keep it. */
export type ProductRetired = Event<
  'ProductRetired',
  { productCode: string; reason?: string; retiredAt: string }
>;
/** Sold again. */
export type ProductRestored = Event<'ProductRestored', { productCode: string; restoredAt: string }>;

export type ProductEvent =
  ProductAdded | ProductDetailsChanged | ProductPriced | ProductRetired | ProductRestored;
