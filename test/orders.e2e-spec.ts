import { readStoreTargets, serviceOn } from './support/read-stores';
import { commands, type Ids, queries } from './support/service';
import { day } from './support/days';

type Card = {
  dealId: string;
  late: boolean;
  color: string;
  order: {
    status: string;
    promisedOn: string;
    reference: string | null;
    on: Record<string, string>;
  };
};
type Board = { delivery: { count: number; late: number; cards: Card[] } };
type CustomerView = {
  deals: { orders: { dealId: string; status: string; promisedOn: string; late: boolean }[] };
};
type Timeline = { items: { summary: string }[] };

describe.each(readStoreTargets())('orders and delivery of won deals, on $name', (target) => {
  const suite = serviceOn(target, {
    apps: ['command-api', 'projector', 'query-api'],
  });

  it('places an order on a won deal, moves it to delivered, and flags it late past its promised day', async () => {
    const { service } = suite;
    const ott = await service.staff('Ott Tarne', ['sales']);
    const c = commands(service, ott);
    const q = queries(service, ott);
    const pipeline = await commands(service).post<Ids>('/pipelines', {
      name: 'Tarned',
      stages: [{ name: 'Pakkumine' }],
    });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Tellija OÜ' });
    const deal = async (title: string) => {
      const d = await c.post<Ids>('/deals', {
        customerId: customer.body.id,
        pipelineId: pipeline.body.id,
        title,
        value: { amount: 50_000, currency: 'EUR' },
      });
      return d.body.id;
    };
    const late = await deal('Riiulid');
    const onTime = await deal('Lauad');
    const open = await deal('Toolid');
    const notWon = await c.post(`/deals/${open}/order`, { promisedOn: day(5) });
    expect([notWon.status, notWon.body['type']]).toEqual([
      409,
      expect.stringContaining('deal-not-won'),
    ]);
    await c.post(`/deals/${late}/win`, {});
    await c.post(`/deals/${onTime}/win`, {});
    // Confirmed by the customer four days ago, recorded today; never for a day still to come.
    const ahead = await c.post(`/deals/${late}/order`, { confirmedOn: day(1), promisedOn: day(5) });
    expect([ahead.status, ahead.body['type']]).toEqual([
      409,
      expect.stringContaining('order-step-in-future'),
    ]);
    // Delivery is never promised for a day before the customer confirmed the order.
    const promisedEarlier = await c.post(`/deals/${late}/order`, {
      confirmedOn: day(-4),
      promisedOn: day(-5),
    });
    expect([promisedEarlier.status, promisedEarlier.body['type']]).toEqual([
      409,
      expect.stringContaining('promised-before-confirmed'),
    ]);
    const placed = await c.post<Ids & { orderId: string }>(`/deals/${late}/order`, {
      confirmedOn: day(-4),
      promisedOn: day(-2),
      reference: 'PO-1001',
    });
    expect([placed.status, placed.body.orderId]).toEqual([201, expect.any(String)]);
    const second = await c.post<Ids>(`/deals/${onTime}/order`, { promisedOn: day(10) });

    const board = await q.get<Board>(`/pipelines/${pipeline.body.id}/board`, second.body.position);
    expect(board.body.delivery).toMatchObject({ count: 2, late: 1 });
    expect(board.body.delivery.cards.map((card) => [card.dealId, card.late, card.color])).toEqual([
      [late, true, 'red'],
      [onTime, false, 'green'],
    ]);
    expect(board.body.delivery.cards[0]!.order).toMatchObject({
      status: 'confirmed',
      promisedOn: day(-2),
      reference: 'PO-1001',
      on: { confirmed: day(-4) },
    });
    expect(board.body.delivery.cards[1]!.order.on).toEqual({ confirmed: day() });

    const view = await q.get<CustomerView>(`/customers/${customer.body.id}`);
    expect(view.body.deals.orders.map((o) => [o.dealId, o.status, o.late]).sort()).toEqual(
      [
        [late, 'confirmed', true],
        [onTime, 'confirmed', false],
      ].sort(),
    );

    // Never before the day it was confirmed, nor after today.
    for (const [on, problem] of [
      [day(-5), 'order-step-out-of-order'],
      [day(1), 'order-step-in-future'],
    ] as const) {
      const refused = await c.post(`/deals/${late}/order/status`, { status: 'shipped', on });
      expect([refused.status, refused.body['type']]).toEqual([
        409,
        expect.stringContaining(problem),
      ]);
    }
    // Forward only; a deal with an order under way stays won.
    const shipped = await c.post<Ids>(`/deals/${late}/order/status`, {
      status: 'shipped',
      on: day(-1),
    });
    expect(shipped.status).toBe(200);
    const again = await c.post(`/deals/${late}/order/status`, { status: 'shipped', on: day() });
    expect([again.status, again.body['type']]).toEqual([
      409,
      expect.stringContaining('order-step-recorded'),
    ]);
    const back = await c.post(`/deals/${late}/order/status`, { status: 'in_production' });
    expect([back.status, back.body['type']]).toEqual([
      409,
      expect.stringContaining('order-status-backwards'),
    ]);
    const reopen = await c.post(`/deals/${late}/reopen`, { reason: 'mistake' });
    expect([reopen.status, reopen.body['type']]).toEqual([
      409,
      expect.stringContaining('order-in-progress'),
    ]);
    const movedEarlier = await c.post(`/deals/${late}/order/promise`, {
      promisedOn: day(-5),
      reason: 'Typo',
    });
    expect([movedEarlier.status, movedEarlier.body['type']]).toEqual([
      409,
      expect.stringContaining('promised-before-confirmed'),
    ]);
    const moved = await c.post<Ids>(`/deals/${late}/order/promise`, {
      promisedOn: day(3),
      reason: 'Transport hilineb',
    });
    const afterMove = await q.get<Board>(
      `/pipelines/${pipeline.body.id}/board`,
      moved.body.position,
    );
    expect(afterMove.body.delivery.late).toBe(0);

    const delivered = await c.post<Ids>(`/deals/${late}/order/status`, {
      status: 'delivered',
      note: 'Kliendi laos',
    });
    const final = await q.get<Board>(
      `/pipelines/${pipeline.body.id}/board`,
      delivered.body.position,
    );
    expect(final.body.delivery.cards.map((card) => card.dealId)).toEqual([onTime]);
    const timeline = await q.get<Timeline>(`/customers/${customer.body.id}/timeline?group=sales`);
    const summaries = timeline.body.items.map((e) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        `Order placed, confirmed on ${day(-4)}, delivery promised for ${day(-2)} (customer's order PO-1001)`,
        `Order shipped on ${day(-1)}`,
        `Order delivery date moved from ${day(-2)} to ${day(3)}: Transport hilineb`,
        `Order delivered on ${day()}: Kliendi laos`,
      ]),
    );
  });
});
