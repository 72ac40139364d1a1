import { type DealEvent } from '#events';
import { specFor } from '../testing';
import { dealDecider } from './deal.decider';
import { orderLate } from './orders';

const now = '2026-03-01T09:00:00.000Z';
const value = { amount: 100_000, currency: 'EUR' };
const opened: DealEvent = {
  type: 'DealOpened',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    pipelineId: 'p1',
    stageId: 's-a',
    title: 'Website',
    value,
    ownerId: 's1',
    openedAt: now,
  },
};
const won: DealEvent = {
  type: 'DealWon',
  data: { dealId: 'd1', customerId: 'c1', value, wonAt: now },
};
const placed: DealEvent = {
  type: 'OrderPlaced',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    orderId: 'o1',
    confirmedOn: '2026-03-01',
    promisedOn: '2026-03-20',
    reference: 'PO-7',
    placedAt: now,
  },
};
const moved = (from: string, to: string, on = '2026-03-05'): DealEvent => ({
  type: 'OrderStatusChanged',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    orderId: 'o1',
    from: from as 'confirmed',
    to: to as 'shipped',
    on,
    changedAt: now,
  },
});
const spec = specFor(dealDecider);
const place = {
  type: 'PlaceOrder' as const,
  dealId: 'd1',
  orderId: 'o1',
  confirmedOn: '2026-03-01',
  promisedOn: '2026-03-20',
  reference: 'PO-7',
  today: '2026-03-01',
  now,
};
const status = (to: 'in_production' | 'shipped' | 'delivered' | 'cancelled') => ({
  type: 'ChangeOrderStatus' as const,
  dealId: 'd1',
  status: to,
  on: '2026-03-05',
  today: '2026-03-10',
  now,
});
const promise = (promisedOn: string) => ({
  type: 'ChangeOrderPromise' as const,
  dealId: 'd1',
  promisedOn,
  reason: 'supplier late',
  now,
});
const promiseMoved = (to: string): DealEvent => ({
  type: 'OrderPromiseChanged',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    orderId: 'o1',
    from: '2026-03-20',
    to,
    reason: 'supplier late',
    changedAt: now,
  },
});

describe('orders on won deals', () => {
  it('given a won deal, when an order is placed, then it is confirmed with its promised day', () => {
    spec([opened, won]).when(place).then([placed]);
    spec([opened, won, placed]).when(place).thenNothingHappened();
    spec([opened, won, placed])
      .when({ ...place, orderId: 'o2' })
      .thenRejectedWith('order-exists');
    spec([opened]).when(place).thenRejectedWith('deal-not-won');
  });
  it('given an order, then it moves forward (steps may be skipped), never back; delivered is final', () => {
    spec([opened, won, placed])
      .when(status('shipped'))
      .then([moved('confirmed', 'shipped')]);
    spec([opened, won, placed, moved('confirmed', 'shipped')])
      .when(status('in_production'))
      .thenRejectedWith('order-status-backwards');
    spec([opened, won, placed, moved('confirmed', 'delivered')])
      .when(status('cancelled'))
      .thenRejectedWith('order-closed');
    spec([opened, won]).when(status('shipped')).thenRejectedWith('no-order');
  });
  it('given a step on a day, when a later step names an earlier day, then it is refused; the same day or later is taken', () => {
    const shipped = moved('confirmed', 'shipped', '2026-03-05');
    spec([opened, won, placed, shipped])
      .when({ ...status('delivered'), on: '2026-03-04' })
      .thenRejectedWith('order-step-out-of-order');
    spec([opened, won, placed, shipped])
      .when({ ...status('cancelled'), on: '2026-03-01' })
      .thenRejectedWith('order-step-out-of-order');
    spec([opened, won, placed, shipped])
      .when({ ...status('delivered'), on: '2026-03-05' })
      .then([moved('shipped', 'delivered', '2026-03-05')]);
    // Nor before the day the order was confirmed.
    spec([opened, won, placed])
      .when({ ...status('shipped'), on: '2026-02-27' })
      .thenRejectedWith('order-step-out-of-order');
    spec([opened, won, placed])
      .when({ ...status('shipped'), on: '2026-03-01' })
      .then([moved('confirmed', 'shipped', '2026-03-01')]);
  });
  it('given an order recorded in hindsight, then its steps follow the day it was confirmed', () => {
    const placedEarlier = { ...placed, data: { ...placed.data, confirmedOn: '2026-01-10' } };
    spec([opened, won])
      .when({ ...place, confirmedOn: '2026-01-10', today: '2026-03-10' })
      .then([placedEarlier]);
    spec([opened, won, placedEarlier])
      .when({ ...status('shipped'), on: '2026-01-15' })
      .then([moved('confirmed', 'shipped', '2026-01-15')]);
    spec([opened, won, placedEarlier])
      .when({ ...status('shipped'), on: '2026-01-05' })
      .thenRejectedWith('order-step-out-of-order');
    // An order placed before its day was recorded bounds only the steps after its first.
    const { confirmedOn: _unrecorded, ...before } = placed.data as { confirmedOn: string };
    spec([opened, won, { ...placed, data: before } as DealEvent])
      .when({ ...status('shipped'), on: '2026-01-15' })
      .then([moved('confirmed', 'shipped', '2026-01-15')]);
  });
  it('given today, when an order is confirmed or steps on a day still to come, then it is refused', () => {
    spec([opened, won])
      .when({ ...place, confirmedOn: '2026-03-02' })
      .thenRejectedWith('order-step-in-future');
    spec([opened, won, placed])
      .when({ ...status('delivered'), on: '2026-03-11' })
      .thenRejectedWith('order-step-in-future');
    spec([opened, won, placed])
      .when({ ...status('delivered'), on: '2026-03-10' })
      .then([moved('confirmed', 'delivered', '2026-03-10')]);
  });
  it('given a confirmation day, when delivery is promised for a day before it, then it is refused', () => {
    spec([opened, won])
      .when({ ...place, promisedOn: '2026-02-28' })
      .thenRejectedWith('promised-before-confirmed');
    spec([opened, won])
      .when({ ...place, promisedOn: '2026-03-01' })
      .then([{ ...placed, data: { ...placed.data, promisedOn: '2026-03-01' } }]);
    spec([opened, won, placed])
      .when(promise('2026-02-27'))
      .thenRejectedWith('promised-before-confirmed');
    // An order placed before its day was recorded has nothing to compare with.
    const { confirmedOn: _unrecorded, ...before } = placed.data as { confirmedOn: string };
    spec([opened, won, { ...placed, data: before } as DealEvent])
      .when(promise('2026-02-27'))
      .then([promiseMoved('2026-02-27')]);
  });
  it('given a step, when the same step comes again, then on its day nothing happens and on another it is refused', () => {
    const shipped = moved('confirmed', 'shipped', '2026-03-05');
    spec([opened, won, placed, shipped]).when(status('shipped')).thenNothingHappened();
    spec([opened, won, placed, shipped])
      .when({ ...status('shipped'), on: '2026-03-06' })
      .thenRejectedWith('order-step-recorded');
  });
  it('given an order under way, when its date moves, then with the reason; a deal with one is not reopened', () => {
    spec([opened, won, placed])
      .when(promise('2026-03-27'))
      .then([promiseMoved('2026-03-27')]);
    spec([opened, won, placed])
      .when({ type: 'ReopenDeal', dealId: 'd1', now })
      .thenRejectedWith('order-in-progress');
    spec([opened, won, placed, moved('confirmed', 'cancelled')])
      .when({ type: 'ReopenDeal', dealId: 'd1', now })
      .then([
        {
          type: 'DealReopened',
          data: { dealId: 'd1', customerId: 'c1', stageId: 's-a', reopenedAt: now },
        },
      ]);
  });
  it('is late when under way past its promised day', () => {
    const order = { status: 'shipped' as const, promisedOn: '2026-03-20' };
    expect(orderLate(order, '2026-03-20')).toBe(false);
    expect(orderLate(order, '2026-03-21')).toBe(true);
    expect(orderLate({ ...order, status: 'delivered' }, '2026-04-01')).toBe(false);
    expect(orderLate(null, '2026-04-01')).toBe(false);
  });
});
