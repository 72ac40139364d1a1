import { collections } from '#read-models';
import { type Update } from '#read-store';
import { type Projection, typed, upsert } from '../projection';

/** The customer's profile and running totals; deals and invoices are joined at read time. */
export const customer360Projection: Projection = {
  name: collections.customers,
  indexes: [[collections.customers, ['ownerId']]],
  project: (stored) =>
    typed(stored, (event) => {
      const customerId = stored.metadata.customerId;
      if (!customerId || event.type === 'LeadConverted') return [];
      const at = stored.metadata.occurredAt;
      let update: Update = { $max: { lastActivityAt: at } };
      switch (event.type) {
        case 'CustomerRegistered': {
          const { customerId: _c, ...profile } = event.data;
          update = { $set: { ...profile }, $max: { lastActivityAt: at } };
          break;
        }
        case 'InvoiceIssued': {
          const cur = event.data.currency;
          update = {
            $inc: {
              [`invoiceTotals.${cur}.invoiced`]: event.data.totals.gross,
              [`invoiceTotals.${cur}.count`]: 1,
            },
            $max: { lastActivityAt: at },
          };
          break;
        }
        case 'CustomerReassigned':
          update = { $set: { ownerId: event.data.toStaffId }, $max: { lastActivityAt: at } };
          break;
        default:
          break;
      }
      return upsert(stored, collections.customers, customerId, update);
    }),
};
