import { type InvoiceLineInput } from '#domain';
import { readConfig, todayIn } from '#platform';

let zone: string | undefined;

/** Where the business is (DEFAULT_TIMEZONE), read once. */
export const businessZone = (): string => (zone ??= readConfig().timezone);

/** The business day of an instant (a command's time, a meeting's start) where the business is (DEFAULT_TIMEZONE). */
export const businessDay = (now: string): string =>
  todayIn(businessZone(), new Date(now)) ?? now.slice(0, 10);

type LineFields = Pick<InvoiceLineInput, 'description' | 'quantity' | 'unitPrice' | 'vatRate'> & {
  discountPercent?: number;
  productCode?: string | undefined;
  unit?: string | undefined;
};

/** An invoice or offer line as the pricing takes it: no discount means 0 %. */
export const lineInput = (l: LineFields): InvoiceLineInput => ({
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discountPercent: l.discountPercent ?? 0,
  vatRate: l.vatRate,
  ...(l.productCode ? { productCode: l.productCode } : {}),
  ...(l.unit ? { unit: l.unit } : {}),
});
