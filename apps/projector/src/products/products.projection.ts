import { type InvoiceLine } from '#events';
import { collections, projections } from '#read-models';
import { type WriteOp } from '#read-store';
import { type StoredEvent } from '#event-store';
import { type Projection, typed, upsert } from '../projection';

/**
 * What lines that name a product add to its sales in a currency, one write per product:
 * quantity and net (negative for a credit note's lines).
 */
const sales = (stored: StoredEvent, currency: string, lines: InvoiceLine[]): WriteOp[] => {
  const byProduct = new Map<string, Record<string, number>>();
  for (const line of lines) {
    if (!line.productCode || line.settles || line.adjustment) continue;
    const inc = byProduct.get(line.productCode) ?? {};
    const at = `sold.${currency}`;
    inc[`${at}.quantity`] = (inc[`${at}.quantity`] ?? 0) + line.quantity;
    inc[`${at}.net`] = (inc[`${at}.net`] ?? 0) + line.net;
    byProduct.set(line.productCode, inc);
  }
  return [...byProduct].flatMap(([code, inc]) =>
    upsert(stored, collections.products, code, { $inc: inc }),
  );
};

const named = (lines: InvoiceLine[]) => lines.some((l) => l.productCode);

/**
 * The product catalogue: each entry as it stands, its price changes, and what invoices sold of
 * it per currency (a prepayment sells nothing: its final invoice does; credit notes and voids
 * take off what they credit).
 */
export const productsProjection: Projection = {
  name: projections.products,
  indexes: [[collections.products, ['status', 'kind']]],
  state: {
    collections: [collections.productSales],
    reads: (stored) =>
      stored.type === 'CreditNoteIssued' || stored.type === 'InvoiceVoided'
        ? [[collections.productSales, (stored.data as { invoiceId: string }).invoiceId]]
        : [],
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'ProductAdded': {
          const { productCode, prices, description, addedAt, ...d } = event.data;
          return upsert(stored, collections.products, productCode, {
            $set: {
              productCode,
              ...d,
              description: description ?? null,
              prices: Object.fromEntries(prices.map((p) => [p.currency, p.unitPrice])),
              status: 'active',
              addedAt,
              changedAt: addedAt,
              retiredAt: null,
              retireReason: null,
              // Added is the entry's first event: no price changed before it.
              priceChanges: [],
            },
          });
        }
        case 'ProductDetailsChanged': {
          const { productCode, changedAt, description, ...changes } = event.data;
          return upsert(stored, collections.products, productCode, {
            $set: {
              ...changes,
              ...(description !== undefined ? { description: description || null } : {}),
              changedAt,
            },
          });
        }
        case 'ProductPriced': {
          const { productCode, currency, unitPrice, previousUnitPrice, pricedAt } = event.data;
          return upsert(stored, collections.products, productCode, {
            ...(unitPrice === null
              ? { $unset: { [`prices.${currency}`]: true } }
              : { $set: { [`prices.${currency}`]: unitPrice } }),
            $max: { changedAt: pricedAt },
            $push: { priceChanges: { currency, unitPrice, previousUnitPrice, at: pricedAt } },
          });
        }
        case 'ProductRetired':
          return upsert(stored, collections.products, event.data.productCode, {
            $set: {
              status: 'retired',
              retiredAt: event.data.retiredAt,
              retireReason: event.data.reason ?? null,
              changedAt: event.data.retiredAt,
            },
          });
        case 'ProductRestored':
          return upsert(stored, collections.products, event.data.productCode, {
            $set: {
              status: 'active',
              retiredAt: null,
              retireReason: null,
              changedAt: event.data.restoredAt,
            },
          });
        case 'InvoiceIssued': {
          const { invoiceId, kind, currency, lines } = event.data;
          if (kind === 'prepayment' || !named(lines)) return [];
          return [
            ...upsert(stored, collections.productSales, invoiceId, { $set: { currency } }),
            ...sales(stored, currency, lines),
          ];
        }
        case 'CreditNoteIssued':
        case 'InvoiceVoided': {
          const sale = state(collections.productSales, event.data.invoiceId);
          if (!sale) return [];
          return sales(stored, sale['currency'] as string, event.data.creditNote.lines);
        }
        default:
          return [];
      }
    }),
};
