import { type InvoiceLine } from '#events';
import { violated } from '../decider';
import { divRound, priceLine } from './invoice-math';
import { amountDue, type IssuedInvoice } from './invoice-state';

/** What a credit note takes off: chosen lines (all or part of their quantity), or an amount. */
export type CreditSelection =
  | { lines: { line: number; quantity?: number }[] }
  | { amount: { gross: number; vatRate: number; description: string } };

export type Credit = { lines: InvoiceLine[]; creditedLines: { line: number; quantity: number }[] };

const thousandths = (quantity: number) => Math.round(quantity * 1000);

const negated = (line: InvoiceLine, quantity: number, net: number, vat: number): InvoiceLine => ({
  ...line,
  quantity: -quantity,
  net: -net,
  vat: -vat,
  gross: -(net + vat),
});

/** What is left of one line after the credit notes so far. */
const remainderOf = (invoice: IssuedInvoice, index: number) => {
  const line = invoice.lines[index]!;
  const credited = invoice.creditedLines[index] ?? { quantity: 0, net: 0, vat: 0 };
  return {
    line,
    quantity: (thousandths(line.quantity) - thousandths(credited.quantity)) / 1000,
    net: line.net - credited.net,
    vat: line.vat - credited.vat,
  };
};

/** Credits a part of a line, or the whole remainder of it exactly to the cent. */
const creditLine = (invoice: IssuedInvoice, index: number, quantity: number | undefined) => {
  const line = invoice.lines[index];
  if (!line) throw violated('unknown-line', `The invoice has no line ${index + 1}`);
  if (line.settles || line.quantity < 0 || line.net < 0)
    throw violated('line-not-creditable', `Line ${index + 1} is a deduction, not a sale`);
  const rest = remainderOf(invoice, index);
  const wanted = quantity ?? rest.quantity;
  if (wanted <= 0 || thousandths(wanted) > thousandths(rest.quantity))
    throw violated(
      'credit-exceeds-line',
      `Line ${index + 1} has ${rest.quantity} left to credit, not ${wanted}`,
    );
  if (thousandths(wanted) === thousandths(rest.quantity))
    return negated(line, wanted, rest.net, rest.vat);
  const priced = priceLine({ ...line, quantity: wanted });
  return negated(line, wanted, Math.min(priced.net, rest.net), Math.min(priced.vat, rest.vat));
};

/** The lines a credit note holds for a selection, checked against what is left to credit. */
export const creditFor = (invoice: IssuedInvoice, selection: CreditSelection): Credit => {
  if ('lines' in selection) {
    if (selection.lines.length === 0) throw violated('lines-required', 'Name the lines to credit');
    const seen = new Set<number>();
    for (const { line } of selection.lines) {
      if (seen.has(line)) throw violated('line-twice', `Line ${line + 1} is named twice`);
      seen.add(line);
    }
    return {
      lines: selection.lines.map(({ line, quantity }) => creditLine(invoice, line, quantity)),
      creditedLines: selection.lines.map(({ line, quantity }) => ({
        line,
        quantity: quantity ?? remainderOf(invoice, line).quantity,
      })),
    };
  }
  const { gross, vatRate, description } = selection.amount;
  if (!invoice.lines.some((l) => l.vatRate === vatRate && !l.settles))
    throw violated('vat-rate-not-on-invoice', `The invoice has no line at ${vatRate} % VAT`);
  if (gross <= 0) throw violated('amount-positive', 'A credited amount must be positive');
  if (gross > amountDue(invoice))
    throw violated('credit-exceeds-invoice', 'A credit note cannot take off more than is due');
  // The VAT contained in a gross amount: gross × rate / (100 + rate), rates to 1/100 %.
  const rate = BigInt(Math.round(vatRate * 100));
  const net = Number(divRound(BigInt(gross) * 10000n, 10000n + rate));
  return {
    lines: [
      {
        description,
        quantity: -1,
        unitPrice: net,
        discountPercent: 0,
        vatRate,
        net: -net,
        vat: -(gross - net),
        gross: -gross,
        adjustment: true,
      },
    ],
    creditedLines: [],
  };
};

/**
 * Everything not yet credited, as the credit note that voids the invoice: what is left of each
 * line, and the amounts earlier credit notes took off given back, so it credits exactly what
 * was still due.
 */
export const remainingCredit = (invoice: IssuedInvoice): InvoiceLine[] => [
  ...invoice.lines
    .map((_, i) => remainderOf(invoice, i))
    .filter((r) => r.net !== 0 || r.vat !== 0 || r.quantity !== 0)
    .map((r) => negated(r.line, r.quantity, r.net, r.vat)),
  ...invoice.amountCredits.map((l) => negated(l, l.quantity, l.net, l.vat)),
];
