import { type SortSpec } from '#read-store';
import { collections } from './names';

/**
 * A list whose collection grows with the history, in the order its first page is read (or a
 * span of it read by a range of that order's field), with the fields every read of it filters
 * on by equality (`fixed`). The projection that keeps the collection declares an index on those
 * fields followed by the sort's first field, so that a page costs the same at a million
 * documents as at a hundred (the list spec checks it, and that SQLite plans the page by it).
 */
export type ListOrder = { collection: string; fixed?: readonly string[]; sort: SortSpec };

export const listOrders = {
  deals: { collection: collections.deals, sort: [['openedAt', -1]] },
  offers: { collection: collections.offers, sort: [['madeAt', -1]] },
  invoices: { collection: collections.invoices, sort: [['issuedOn', -1]] },
  // The overdue ones: owed, walked newest first past those not yet due.
  overdueInvoices: { collection: collections.invoices, fixed: ['owing'], sort: [['issuedOn', -1]] },
  leads: { collection: collections.leads, sort: [['createdAt', -1]] },
  activities: { collection: collections.activities, sort: [['day', 1]] },
  tickets: { collection: collections.tickets, sort: [['openedAt', -1]] },
  documents: { collection: collections.documents, fixed: ['removed'], sort: [['attachedAt', -1]] },
  emails: { collection: collections.emails, sort: [['queuedAt', -1]] },
  inboundEmails: { collection: collections.inboundEmails, sort: [['receivedAt', -1]] },
  agreements: { collection: collections.agreements, sort: [['agreedOn', -1]] },
  // A customer's share of each, as its 360 reads them (customers.service.ts) and the lists
  // filtered by customer.
  customerDeals: { collection: collections.deals, fixed: ['customerId'], sort: [['openedAt', -1]] },
  customerOffers: { collection: collections.offers, fixed: ['customerId'], sort: [['madeAt', -1]] },
  customerInvoices: {
    collection: collections.invoices,
    fixed: ['customerId'],
    sort: [['issuedOn', -1]],
  },
  customerAgreements: {
    collection: collections.agreements,
    fixed: ['customerId'],
    sort: [['agreedOn', -1]],
  },
  customerTickets: {
    collection: collections.tickets,
    fixed: ['customerId', 'status'],
    sort: [['openedAt', -1]],
  },
  customerActivitiesDone: {
    collection: collections.activities,
    fixed: ['customerId', 'status'],
    sort: [['doneAt', -1]],
  },
  customerActivitiesPlanned: {
    collection: collections.activities,
    fixed: ['customerId', 'status'],
    sort: [['day', 1]],
  },
  customerDocuments: {
    collection: collections.documents,
    fixed: ['customerId', 'removed'],
    sort: [['attachedAt', -1]],
  },
  timeline: { collection: collections.timeline, fixed: ['customerId'], sort: [['position', -1]] },
  // The forecast's deals (forecast.ts): open by expected day, won by when, first forecasts.
  dealsExpected: {
    collection: collections.deals,
    fixed: ['status'],
    sort: [['expectedCloseOn', 1]],
  },
  dealsClosed: { collection: collections.deals, fixed: ['status'], sort: [['closedAt', 1]] },
  dealsFirstExpected: { collection: collections.deals, sort: [['firstExpectedCloseOn', 1]] },
} satisfies Record<string, ListOrder>;
