import { isCustomerEvent } from '#events';
import { collections } from '#read-models';
import { type Update } from '#read-store';
import { type Projection, typed, upsert } from '../projection';
import { customerUpdate, erasure } from './profile-updates';

/**
 * The customer's profile and running totals; deals and invoices are joined at read time. An
 * erasure reads the customer's document to find every personal field it holds.
 */
export const customer360Projection: Projection = {
  name: collections.customers,
  indexes: [
    [collections.customers, ['ownerId']],
    [collections.customers, ['status', 'name']],
    // Segments by category page through their members in id order (segment-rules.ts).
    [collections.customers, ['category', '_id']],
    // Kept segment members are brought up to date from the customers written since (kept-members.ts).
    [collections.customers, ['_position']],
  ],
  state: {
    collections: [collections.customers],
    reads: (stored) =>
      stored.type === 'CustomerPersonalDataErased' && stored.metadata.customerId
        ? [[collections.customers, stored.metadata.customerId]]
        : [],
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      const customerId = stored.metadata.customerId;
      if (!customerId || event.type === 'LeadConverted') return [];
      const at = stored.metadata.occurredAt;
      let update: Update = { $max: { lastActivityAt: at } };
      if (event.type === 'CustomerPersonalDataErased')
        return upsert(stored, collections.customers, customerId, {
          ...erasure(state(collections.customers, customerId), event.data.erasedAt),
          $max: { lastActivityAt: at },
        });
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
