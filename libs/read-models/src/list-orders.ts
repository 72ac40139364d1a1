import { type Filter, type Range, type SortSpec } from '#read-store';
import { owingRanks } from './invoices';
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
  // The ledger by status, and the overdue ones: owed, walked newest first past those not due.
  invoicesByStatus: {
    collection: collections.invoices,
    fixed: ['statusRank'],
    sort: [['issuedOn', -1]],
  },
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
  customerInvoicesByStatus: {
    collection: collections.invoices,
    fixed: ['customerId', 'statusRank'],
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

/** What the invoice ledger is asked for besides a page. */
export type LedgerSelect = {
  customerId?: string | undefined;
  kind?: string | undefined;
  statusRank?: number | undefined;
  overdue?: boolean | undefined;
  issuedOn?: Range | undefined;
};

/**
 * The invoices the ledger selects, and the list order a page of them is walked in: overdue ones
 * are owed and past their due day; with a status, that status's — none of a settled one
 * (`undefined`: nothing to read). Each selection is written so that SQLite's planner, which
 * has no statistics, takes the index led by its order's fixed fields (the list spec checks
 * every combination).
 */
export const ledgerSelection = (
  select: LedgerSelect,
  today: string,
): { filter: Filter; order: ListOrder } | undefined => {
  const { customerId, kind, statusRank, overdue, issuedOn } = select;
  if (overdue && statusRank !== undefined && !owingRanks.includes(statusRank)) return undefined;
  const owed: Filter =
    !overdue || statusRank !== undefined
      ? {}
      : customerId !== undefined
        ? { statusRank: { $in: [...owingRanks] } }
        : { owing: true };
  // A customer's invoices of a status from one issue day to another are walked in the
  // customer's index: the status given as a range of one value, or the planner would take the
  // status's index (a range on both sides of the issue day makes the shorter index look as
  // narrow).
  const spanOfCustomer =
    customerId !== undefined && issuedOn?.$gte !== undefined && issuedOn.$lte !== undefined;
  // An invoice is due no earlier than it is issued, so an overdue one was issued before today:
  // of everyone's, the walk starts there, past any invoice dated later. (Not of a customer's:
  // with a range on both sides the planner would leave the customer's index.)
  const issued: Range | undefined =
    overdue && customerId === undefined ? { ...issuedOn, $lt: today } : issuedOn;
  const filter: Filter = {
    ...(customerId !== undefined ? { customerId } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(statusRank !== undefined
      ? { statusRank: spanOfCustomer ? { $gte: statusRank, $lte: statusRank } : statusRank }
      : {}),
    ...owed,
    ...(overdue ? { dueOn: { $lt: today } } : {}),
    ...(issued !== undefined ? { issuedOn: issued } : {}),
  };
  const order: ListOrder =
    customerId !== undefined
      ? statusRank !== undefined && !spanOfCustomer
        ? listOrders.customerInvoicesByStatus
        : listOrders.customerInvoices
      : statusRank !== undefined
        ? listOrders.invoicesByStatus
        : overdue
          ? listOrders.overdueInvoices
          : listOrders.invoices;
  return { filter, order };
};
