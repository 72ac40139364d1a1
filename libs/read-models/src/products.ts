import { type ProductKind } from '#events';

/** A change of a product's price in one currency. */
export type ProductPriceChange = {
  currency: string;
  unitPrice: number | null;
  previousUnitPrice: number | null;
  at: string;
};

/** What invoices sold of a product in one currency: credit notes and voids taken off. */
export type ProductSales = { quantity: number; net: number };

/** A catalogue entry as it stands, with its price history and what was sold of it. */
export type ProductDoc = {
  _id: string;
  productCode: string;
  name: string;
  kind: ProductKind;
  unit: string;
  vatRate: number;
  description: string | null;
  /** Unit prices by currency, minor units, net of VAT. */
  prices: Record<string, number>;
  status: 'active' | 'retired';
  addedAt: string;
  changedAt: string;
  retiredAt: string | null;
  retireReason: string | null;
  priceChanges: ProductPriceChange[];
  /** By currency; absent until an invoice sells it. */
  sold?: Record<string, ProductSales>;
};
