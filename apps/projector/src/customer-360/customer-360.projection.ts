import { isCustomerEvent } from '#events';
import { collections } from '#read-models';
import { type Update } from '#read-store';
import { type Projection, typed, upsert } from '../projection';
import { customerUpdate } from './profile-updates';

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
      if (isCustomerEvent(event))
        return upsert(stored, collections.customers, customerId, {
          ...customerUpdate(event),
          $max: { lastActivityAt: at },
        });
      switch (event.type) {
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
        default:
          break;
      }
      return upsert(stored, collections.customers, customerId, update);
    }),
};
