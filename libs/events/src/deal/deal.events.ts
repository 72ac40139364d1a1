import { type BusinessDay, type Event, type Money } from '../envelope';
import { type InvoiceLine, type InvoiceTotals } from '../invoice/invoice.events';
import { type Reassignment } from '../staff/staff.events';
import { type DealCustomFieldValuesSet } from '../custom-field/custom-field.events';

/** An offer line: a product or a service, priced like an invoice line (minor units). */
export type OfferLine = InvoiceLine & { kind: 'product' | 'service' };

/** What one version of an offer proposes. */
export type OfferContent = {
  lines: OfferLine[];
  currency: string;
  totals: InvoiceTotals;
  terms?: string;
  validUntil: BusinessDay;
};

type OfferRef = { dealId: string; customerId: string; offerId: string; version: number };

export type DealOpened = Event<
  'DealOpened',
  {
    dealId: string;
    customerId: string;
    pipelineId: string;
    stageId: string;
    title: string;
    value: Money;
    ownerId: string;
    sourceLeadId?: string;
    /** The day it is expected to close (for the forecast), if one was given. */
    expectedCloseOn?: BusinessDay;
    openedAt: string;
  }
>;
/** The day an open deal is expected to close moved (or was first set). */
export type DealExpectedCloseChanged = Event<
  'DealExpectedCloseChanged',
  {
    dealId: string;
    customerId: string;
    from: BusinessDay | null;
    to: BusinessDay;
    reason?: string;
    changedAt: string;
  }
>;
export type DealStageMoved = Event<
  'DealStageMoved',
  { dealId: string; customerId: string; fromStageId: string; toStageId: string; movedAt: string }
>;
export type DealNextActionScheduled = Event<
  'DealNextActionScheduled',
  {
    dealId: string;
    customerId: string;
    dueOn: BusinessDay;
    description: string;
    /** Set when the next action is a scheduled activity. */
    activityId?: string;
  }
>;
/** The next action was done (or dropped): the deal has none until one is scheduled. */
export type DealNextActionCleared = Event<
  'DealNextActionCleared',
  { dealId: string; customerId: string; activityId?: string; reason: string; clearedAt: string }
>;
export type DealWon = Event<
  'DealWon',
  { dealId: string; customerId: string; value: Money; wonAt: string; note?: string }
>;
export type DealLost = Event<
  'DealLost',
  { dealId: string; customerId: string; reason: string; lostAt: string }
>;
export type DealReopened = Event<
  'DealReopened',
  { dealId: string; customerId: string; stageId: string; reason?: string; reopenedAt: string }
>;

export type DealMovedToPipeline = Event<
  'DealMovedToPipeline',
  {
    dealId: string;
    customerId: string;
    fromPipelineId: string;
    fromStageId: string;
    toPipelineId: string;
    toStageId: string;
    movedAt: string;
  }
>;

export type DealReassigned = Event<'DealReassigned', { dealId: string } & Reassignment>;

/** A deal was given another title (its name on boards, lists and the timeline). */
export type DealRenamed = Event<
  'DealRenamed',
  { dealId: string; customerId: string; title: string; previousTitle: string; renamedAt: string }
>;

export type DealValueChanged = Event<
  'DealValueChanged',
  {
    dealId: string;
    customerId: string;
    value: Money;
    previousValue: Money;
    reason?: string;
    changedAt: string;
  }
>;
export type OfferMade = Event<'OfferMade', OfferRef & OfferContent & { madeAt: string }>;
/** A new version of an offer; the earlier versions stay in the stream. */
export type OfferRevised = Event<'OfferRevised', OfferRef & OfferContent & { revisedAt: string }>;
export type OfferAccepted = Event<
  'OfferAccepted',
  OfferRef & { currency: string; totals: InvoiceTotals; acceptedAt: string }
>;
export type OfferRejected = Event<
  'OfferRejected',
  OfferRef & { reason: string; rejectedAt: string }
>;
export type OfferExpired = Event<
  'OfferExpired',
  OfferRef & { validUntil: BusinessDay; expiredAt: string }
>;

export const orderStatuses = [
  'confirmed',
  'in_production',
  'shipped',
  'delivered',
  'cancelled',
] as const;
/** Where an order stands: confirmed → in production → shipped → delivered (or cancelled). */
export type OrderStatus = (typeof orderStatuses)[number];

/** A won deal's order: what was promised to the customer, and by when. */
export type OrderPlaced = Event<
  'OrderPlaced',
  {
    dealId: string;
    customerId: string;
    orderId: string;
    /** The day the customer confirmed it (absent on orders placed before it was recorded). */
    confirmedOn?: BusinessDay;
    promisedOn: BusinessDay;
    /** The customer's own order number, if any. */
    reference?: string;
    placedAt: string;
  }
>;
export type OrderStatusChanged = Event<
  'OrderStatusChanged',
  {
    dealId: string;
    customerId: string;
    orderId: string;
    from: OrderStatus;
    to: OrderStatus;
    /** The day it happened. */
    on: BusinessDay;
    note?: string;
    changedAt: string;
  }
>;
/** A new delivery date promised, with the reason. */
export type OrderPromiseChanged = Event<
  'OrderPromiseChanged',
  {
    dealId: string;
    customerId: string;
    orderId: string;
    from: BusinessDay;
    to: BusinessDay;
    reason: string;
    changedAt: string;
  }
>;

export type DealEvent =
  | DealExpectedCloseChanged
  | OrderPlaced
  | OrderStatusChanged
  | OrderPromiseChanged
  | DealOpened
  | DealStageMoved
  | DealNextActionScheduled
  | DealWon
  | DealLost
  | DealReopened
  | DealReassigned
  | DealMovedToPipeline
  | DealNextActionCleared
  | DealValueChanged
  | DealRenamed
  | OfferMade
  | OfferRevised
  | OfferAccepted
  | OfferRejected
  | OfferExpired
  | DealCustomFieldValuesSet;
