import { collections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

export const invoicesProjection: Projection = {
  name: collections.invoices,
  indexes: [
    [collections.invoices, ['customerId', 'issuedOn']],
    [collections.invoices, ['issuedOn']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      if (event.type !== 'InvoiceIssued') return [];
      const { invoiceId, ...invoice } = event.data;
      return upsert(stored, collections.invoices, invoiceId, {
        $set: { ...invoice, paid: 0, status: 'issued' },
      });
    }),
};
