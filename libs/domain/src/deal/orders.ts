import { type BusinessDay, type DealEvent, type OrderStatus } from '#events';
import { alreadyExists, notAhead, unreachable, violated } from '../decider';

/** A won deal's order as the deal keeps it; `steppedOn`: the day of its last step. */
export type OrderState = {
  orderId: string;
  status: OrderStatus;
  promisedOn: BusinessDay;
  /** The day the customer confirmed it (absent on orders placed before it was recorded). */
  confirmedOn?: BusinessDay;
  steppedOn?: BusinessDay;
};

export type PlaceOrder = {
  type: 'PlaceOrder';
  dealId: string;
  orderId: string;
  /** The day the customer confirmed it: today, or earlier for an order recorded in hindsight. */
  confirmedOn: BusinessDay;
  promisedOn: BusinessDay;
  reference?: string;
  /** Today in the business's zone: no step is recorded for a day still to come. */
  today: BusinessDay;
  now: string;
};
export type ChangeOrderStatus = {
  type: 'ChangeOrderStatus';
  dealId: string;
  status: Exclude<OrderStatus, 'confirmed'>;
  on: BusinessDay;
  note?: string;
  today: BusinessDay;
  now: string;
};
export type ChangeOrderPromise = {
  type: 'ChangeOrderPromise';
  dealId: string;
  promisedOn: BusinessDay;
  reason: string;
  now: string;
};
export type OrderCommand = PlaceOrder | ChangeOrderStatus | ChangeOrderPromise;

/** The deal an order command acts on, as far as orders care. */
export type OrderDeal = {
  dealId: string;
  customerId: string;
  status: 'open' | 'won' | 'lost';
  order: OrderState | null;
};

const stepWords: Record<Exclude<OrderStatus, 'confirmed'>, string> = {
  in_production: 'in production',
  shipped: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
};

const sequence: OrderStatus[] = ['confirmed', 'in_production', 'shipped', 'delivered'];

/** Whether an order is still under way: neither delivered nor cancelled. */
export const orderOpen = (order: Pick<OrderState, 'status'> | null): boolean =>
  order !== null && order.status !== 'delivered' && order.status !== 'cancelled';

/** Whether an order is late on `today`: under way past the day it was promised for. */
export const orderLate = (
  order: { status: OrderStatus; promisedOn: BusinessDay } | null,
  today: BusinessDay,
): boolean => order !== null && orderOpen(order) && order.promisedOn < today;

const underWay = (deal: OrderDeal): OrderState => {
  if (!deal.order) throw violated('no-order', 'The deal carries no order');
  if (!orderOpen(deal.order))
    throw violated('order-closed', `A ${deal.order.status} order does not change any more`);
  return deal.order;
};

/** Delivery is promised for the day the order was confirmed or later, never before it. */
const promisedAfterConfirmed = (promisedOn: BusinessDay, confirmedOn: BusinessDay) => {
  if (promisedOn < confirmedOn)
    throw violated(
      'promised-before-confirmed',
      `The order was confirmed on ${confirmedOn}; delivery cannot be promised for ${promisedOn}, a day before it`,
    );
};

export const decideOrder = (command: OrderCommand, deal: OrderDeal): DealEvent[] => {
  const on = { dealId: deal.dealId, customerId: deal.customerId };
  switch (command.type) {
    case 'PlaceOrder': {
      if (deal.order?.orderId === command.orderId) return [];
      if (deal.order) throw alreadyExists('order', deal.order.orderId);
      if (deal.status !== 'won') throw violated('deal-not-won', 'An order is placed on a won deal');
      notAhead(
        'order-step-in-future',
        'An order is not confirmed',
        command.confirmedOn,
        command.today,
      );
      promisedAfterConfirmed(command.promisedOn, command.confirmedOn);
      return [
        {
          type: 'OrderPlaced',
          data: {
            ...on,
            orderId: command.orderId,
            confirmedOn: command.confirmedOn,
            promisedOn: command.promisedOn,
            ...(command.reference ? { reference: command.reference } : {}),
            placedAt: command.now,
          },
        },
      ];
    }
    case 'ChangeOrderStatus': {
      const order = underWay(deal);
      if (order.status === command.status) {
        // The same step again is a retry; the same step on another day is not a correction.
        if (order.steppedOn === undefined || order.steppedOn === command.on) return [];
        throw violated(
          'order-step-recorded',
          `The order became ${order.status} on ${order.steppedOn}; a step is recorded once`,
        );
      }
      notAhead(
        'order-step-in-future',
        `An order is not ${stepWords[command.status]}`,
        command.on,
        command.today,
      );
      if (
        command.status !== 'cancelled' &&
        sequence.indexOf(command.status) < sequence.indexOf(order.status)
      )
        throw violated(
          'order-status-backwards',
          `A ${order.status} order does not go back to ${command.status}`,
        );
      // A step is recorded in hindsight too, but never before the one it follows (the
      // confirmation included; orders placed before it had a day bound only their later steps).
      if (order.steppedOn !== undefined && command.on < order.steppedOn)
        throw violated(
          'order-step-out-of-order',
          `The order became ${order.status} on ${order.steppedOn}; it cannot become ${command.status} before that day`,
        );
      return [
        {
          type: 'OrderStatusChanged',
          data: {
            ...on,
            orderId: order.orderId,
            from: order.status,
            to: command.status,
            on: command.on,
            ...(command.note ? { note: command.note } : {}),
            changedAt: command.now,
          },
        },
      ];
    }
    case 'ChangeOrderPromise': {
      const order = underWay(deal);
      if (command.reason.trim() === '')
        throw violated('reason-required', 'Say why the delivery date changes');
      if (order.promisedOn === command.promisedOn) return [];
      if (order.confirmedOn) promisedAfterConfirmed(command.promisedOn, order.confirmedOn);
      return [
        {
          type: 'OrderPromiseChanged',
          data: {
            ...on,
            orderId: order.orderId,
            from: order.promisedOn,
            to: command.promisedOn,
            reason: command.reason,
            changedAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

type OrderEvent = Extract<
  DealEvent,
  { type: 'OrderPlaced' | 'OrderStatusChanged' | 'OrderPromiseChanged' }
>;

export const evolveOrder = (order: OrderState | null, event: OrderEvent): OrderState | null => {
  switch (event.type) {
    case 'OrderPlaced':
      return {
        orderId: event.data.orderId,
        status: 'confirmed',
        promisedOn: event.data.promisedOn,
        ...(event.data.confirmedOn
          ? { confirmedOn: event.data.confirmedOn, steppedOn: event.data.confirmedOn }
          : {}),
      };
    case 'OrderStatusChanged':
      return order && { ...order, status: event.data.to, steppedOn: event.data.on };
    case 'OrderPromiseChanged':
      return order && { ...order, promisedOn: event.data.to };
  }
};
