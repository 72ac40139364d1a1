import { type InvoiceLine, type InvoiceTotals } from '#events';

export type InvoiceLineInput = {
  description: string;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  vatRate: number;
  /** The catalogue entry the line sells, when it names one. */
  productCode?: string;
  /** How the quantity is counted, when the line says. */
  unit?: string;
};

/** Divides and rounds half away from zero, exactly, in integers. */
export const divRound = (numerator: bigint, denominator: bigint): bigint => {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
};

/** Decimal inputs are taken exactly to a fixed scale: quantities to 1/1000, percentages to 1/100. */
const scaled = (value: number, scale: number): bigint => BigInt(Math.round(value * scale));

/**
 * A line's net is quantity × unit price less the discount, rounded once to minor units;
 * its VAT is the net × rate, rounded once. Totals are sums of the rounded line amounts,
 * so the lines printed on the invoice always add up to its totals.
 */
export const priceLine = (line: InvoiceLineInput): InvoiceLine => {
  const quantity = scaled(line.quantity, 1000);
  const discount = scaled(line.discountPercent, 100);
  const rate = scaled(line.vatRate, 100);
  const net = divRound(quantity * BigInt(line.unitPrice) * (10000n - discount), 1000n * 10000n);
  const vat = divRound(net * rate, 10000n);
  return { ...line, net: Number(net), vat: Number(vat), gross: Number(net + vat) };
};

export const totalOf = (lines: InvoiceLine[]): InvoiceTotals =>
  lines.reduce((t, l) => ({ net: t.net + l.net, vat: t.vat + l.vat, gross: t.gross + l.gross }), {
    net: 0,
    vat: 0,
    gross: 0,
  });
