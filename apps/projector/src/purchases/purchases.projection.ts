import { foldText } from '#domain';
import { type InvoiceLine } from '#events';
import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** What lines add to a sale: their net, less the prepayments they deduct (counted once). */
const netOf = (lines: InvoiceLine[]) =>
  lines.filter((l) => !l.settles).reduce((sum, l) => sum + l.net, 0);

/**
 * One document per sale (an issued invoice that is no prepayment), for segment rules on what
 * customers bought, how recently, how often and how much: credit notes take off its net, a
 * voided one is marked void.
 */
export const purchasesProjection: Projection = {
  name: projections.purchases,
  indexes: [[collections.purchases, ['customerId', 'issuedOn']]],
  state: {
    collections: [collections.purchases],
    reads: (stored) =>
      stored.type === 'CreditNoteIssued' || stored.type === 'InvoiceVoided'
        ? [[collections.purchases, (stored.data as { invoiceId: string }).invoiceId]]
        : [],
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'InvoiceIssued': {
          const { invoiceId, customerId, currency, issuedOn, lines, kind } = event.data;
          if (kind === 'prepayment') return [];
          // A line names what it sold by its text, and by its catalogue code when it has one.
          const products = lines
            .filter((l) => !l.settles && !l.adjustment)
            .flatMap((l) => [
              foldText(l.description.trim()),
              ...(l.productCode ? [foldText(l.productCode)] : []),
            ]);
          return upsert(stored, collections.purchases, invoiceId, {
            $set: {
              customerId,
              issuedOn,
              currency,
              net: netOf(lines),
              products: [...new Set(products)],
              void: false,
            },
          });
        }
        case 'CreditNoteIssued':
          // A prepayment's credit note is no sale given back.
          if (!state(collections.purchases, event.data.invoiceId)) return [];
          return upsert(stored, collections.purchases, event.data.invoiceId, {
            $inc: { net: netOf(event.data.creditNote.lines) },
          });
        case 'InvoiceVoided':
          if (!state(collections.purchases, event.data.invoiceId)) return [];
          return upsert(stored, collections.purchases, event.data.invoiceId, {
            $set: { void: true },
          });
        default:
          return [];
      }
    }),
};
