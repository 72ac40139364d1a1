import { type InvoiceLine, type InvoiceTotals } from '#events';
import { violated } from '../decider';

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

/**
 * The most a line of a new invoice, draft or offer, or their totals, may come to either way,
 * in minor units: 10^13 (a hundred billion in a currency of cents). Amounts are kept as
 * numbers, exact as integers up to 2^53 (about 9 × 10^15); under this bound a document's sum
 * of 200 lines, and the ledger's and the reports' sums of hundreds of such documents, stay
 * exact. More is refused (`amount-too-large`) rather than stored rounded.
 */
export const MAX_AMOUNT = 10_000_000_000_000;

const within = (amount: number, what: string) => {
  if (amount > MAX_AMOUNT || amount < -MAX_AMOUNT)
    throw violated(
      'amount-too-large',
      `${what} comes to ${amount} in minor units; at most ${MAX_AMOUNT} either way is taken`,
    );
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

/**
 * The totals of a new document's lines (an invoice, its draft, an offer), each line and the
 * totals checked against `MAX_AMOUNT`. Credit notes and voids take back what an invoice holds,
 * whatever it came to, so they total without the check.
 */
export const checkedTotalOf = (lines: InvoiceLine[]): InvoiceTotals => {
  // VAT rates are not negative, so a gross is never nearer zero than its net: it is the bound's.
  for (const line of lines) within(line.gross, `The line "${line.description}", VAT included,`);
  const totals = totalOf(lines);
  within(totals.gross, 'The lines together, VAT included,');
  return totals;
};
