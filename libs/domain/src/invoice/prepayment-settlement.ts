import { type InvoiceLine, type SettledPrepayment } from '#events';
import { violated } from '../decider';
import { type IssuedInvoice } from './invoice-state';

/** A prepayment invoice as the invoice that settles it sees it, loaded from its stream. */
export type PrepaymentToSettle = Pick<
  IssuedInvoice,
  'invoiceId' | 'number' | 'kind' | 'customerId' | 'currency' | 'status' | 'lines' | 'settledBy'
>;

/** Which invoice settles: the one being issued, by id and number. */
export const checkSettleable = (
  prepayment: PrepaymentToSettle,
  by: SettledPrepayment,
  customerId: string,
  currency: string,
): void => {
  if (prepayment.kind !== 'prepayment')
    throw violated('not-a-prepayment', `Invoice ${prepayment.number} is not a prepayment invoice`);
  if (prepayment.customerId !== customerId)
    throw violated(
      'prepayment-of-another-customer',
      `Invoice ${prepayment.number} is another customer's`,
    );
  if (prepayment.currency !== currency)
    throw violated(
      'currency-mismatch',
      `Prepayment ${prepayment.number} is in ${prepayment.currency}`,
    );
  if (prepayment.status === 'void')
    throw violated('invoice-void', `Prepayment ${prepayment.number} is void`);
  if (prepayment.settledBy && prepayment.settledBy.invoiceId !== by.invoiceId)
    throw violated(
      'prepayment-settled',
      `Prepayment ${prepayment.number} was already settled by invoice ${prepayment.settledBy.number}`,
    );
};

/**
 * The lines that deduct a prepayment: one per VAT rate it charged, quantity -1 at the
 * prepayment's net for that rate, with exactly the VAT it charged there (not recomputed, so
 * the deduction cancels the prepayment to the cent).
 */
export const settlementLines = (prepayment: PrepaymentToSettle): InvoiceLine[] => {
  const byRate = new Map<number, { net: number; vat: number }>();
  for (const line of prepayment.lines) {
    const sum = byRate.get(line.vatRate) ?? { net: 0, vat: 0 };
    sum.net += line.net;
    sum.vat += line.vat;
    byRate.set(line.vatRate, sum);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .filter(([, sum]) => sum.net !== 0 || sum.vat !== 0)
    .map(([vatRate, sum]) => ({
      description: `Prepayment invoice ${prepayment.number}`,
      quantity: -1,
      unitPrice: sum.net,
      discountPercent: 0,
      vatRate,
      net: -sum.net,
      vat: -sum.vat,
      gross: -(sum.net + sum.vat),
      settles: { invoiceId: prepayment.invoiceId, number: prepayment.number },
    }));
};
