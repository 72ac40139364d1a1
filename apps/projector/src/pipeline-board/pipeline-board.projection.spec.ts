import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { pipelineBoardProjection } from './pipeline-board.projection';

const at = '2026-03-01T09:00:00.000Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const opened = (
  dealId: string,
  stageId: string,
  amount: number,
  ownerId = 'anna',
  expectedCloseOn?: string,
): Event => ({
  type: 'DealOpened',
  data: {
    dealId,
    customerId: 'c1',
    pipelineId: 'p',
    stageId,
    title: dealId,
    value: eur(amount),
    ownerId,
    openedAt: at,
    ...(expectedCloseOn ? { expectedCloseOn } : {}),
  },
});

const stageMoved = (dealId: string, fromStageId: string, toStageId: string): Event => ({
  type: 'DealStageMoved',
  data: { dealId, customerId: 'c1', fromStageId, toStageId, movedAt: at },
});

const stageTotals = async (events: Event[]) => {
  const result = await projectAll(
    pipelineBoardProjection,
    storedEvents(events),
    collections.boardStages,
  );
  return Object.fromEntries(
    result.once.map((d) => [d._id, [d.count, (d.totals as Record<string, number>).EUR ?? 0]]),
  );
};

describe('pipeline board projection: stage totals kept by the deals moving through them', () => {
  it('given deals opened, moved, revalued, reassigned, won, lost and reopened, then each stage and owner holds the open ones', async () => {
    expect(
      await stageTotals([
        opened('d1', 'contact', 1000),
        opened('d2', 'contact', 2000),
        opened('d3', 'offer', 4000, 'mart'),
        stageMoved('d1', 'contact', 'offer'),
        {
          type: 'DealValueChanged',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            value: eur(1500),
            previousValue: eur(1000),
            changedAt: at,
          },
        },
        {
          type: 'DealReassigned',
          data: {
            dealId: 'd2',
            customerId: 'c1',
            fromStaffId: 'anna',
            toStaffId: 'mart',
            handOver: true,
            reassignedAt: at,
          },
        },
        { type: 'DealWon', data: { dealId: 'd3', customerId: 'c1', value: eur(4000), wonAt: at } },
        { type: 'DealLost', data: { dealId: 'd2', customerId: 'c1', reason: 'price', lostAt: at } },
        {
          type: 'DealReopened',
          data: { dealId: 'd2', customerId: 'c1', stageId: 'offer', reopenedAt: at },
        },
      ]),
    ).toEqual({
      'p:contact:anna': [0, 0],
      'p:contact:mart': [0, 0],
      'p:offer:anna': [1, 1500],
      'p:offer:mart': [1, 2000],
    });
  });

  it('given deals expected to close on a day or on none, then each stage and owner holds the open ones with none apart', async () => {
    const expected = (dealId: string, to: string): Event => ({
      type: 'DealExpectedCloseChanged',
      data: { dealId, customerId: 'c1', from: null, to, changedAt: at },
    });
    const result = await projectAll(
      pipelineBoardProjection,
      storedEvents([
        opened('d1', 'contact', 1000),
        opened('d2', 'contact', 2000, 'anna', '2026-05-01'),
        opened('d3', 'contact', 4000),
        opened('d4', 'contact', 8000, 'mart'),
        // d1 gets a day later; d3 moves on with none and is won; d4 is lost and reopened
        expected('d1', '2026-06-30'),
        stageMoved('d3', 'contact', 'offer'),
        {
          type: 'DealValueChanged',
          data: {
            dealId: 'd3',
            customerId: 'c1',
            value: eur(5000),
            previousValue: eur(4000),
            changedAt: at,
          },
        },
        { type: 'DealWon', data: { dealId: 'd3', customerId: 'c1', value: eur(5000), wonAt: at } },
        { type: 'DealLost', data: { dealId: 'd4', customerId: 'c1', reason: 'price', lostAt: at } },
        {
          type: 'DealReopened',
          data: { dealId: 'd4', customerId: 'c1', stageId: 'offer', reopenedAt: at },
        },
      ]),
      collections.boardStages,
    );
    expect(
      Object.fromEntries(
        result.once.map((d) => [d._id, { open: d['count'], undated: d['undated'] }]),
      ),
    ).toEqual({
      'p:contact:anna': { open: 2, undated: { count: 0, totals: { EUR: 0 } } },
      'p:offer:anna': { open: 0, undated: { count: 0, totals: { EUR: 0 } } },
      'p:contact:mart': { open: 0, undated: { count: 0, totals: { EUR: 0 } } },
      'p:offer:mart': { open: 1, undated: { count: 1, totals: { EUR: 8000 } } },
    });
  });

  it('given a deal moved to another pipeline, then it leaves the first board for the second', async () => {
    expect(
      await stageTotals([
        opened('d1', 'contact', 1000),
        {
          type: 'DealMovedToPipeline',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            fromPipelineId: 'p',
            fromStageId: 'contact',
            toPipelineId: 'q',
            toStageId: 'sale',
            movedAt: at,
          },
        },
      ]),
    ).toEqual({ 'p:contact:anna': [0, 0], 'q:sale:anna': [1, 1000] });
  });

  it('given a closed deal revalued or reassigned, then no stage changes', async () => {
    expect(
      await stageTotals([
        opened('d1', 'contact', 1000),
        { type: 'DealLost', data: { dealId: 'd1', customerId: 'c1', reason: 'x', lostAt: at } },
        {
          type: 'DealValueChanged',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            value: eur(9),
            previousValue: eur(1000),
            changedAt: at,
          },
        },
      ]),
    ).toEqual({ 'p:contact:anna': [0, 0] });
  });

  it('given an activity on a deal, then the deal counts as worked on (it does not rot)', async () => {
    const { once } = await projectAll(
      pipelineBoardProjection,
      storedEvents([opened('d1', 'contact', 1000)]).concat(
        storedEvents([
          {
            type: 'InteractionLogged',
            data: {
              activityId: 'a1',
              customerId: 'c1',
              kind: 'call',
              summary: 'talked',
              minutesSpent: 5,
              occurredAt: '2026-03-05T09:00:00.000Z',
              dealId: 'd1',
              staffId: 'anna',
              loggedAt: '2026-03-05T09:00:00.000Z',
            },
          },
        ]).map((e) => ({
          ...e,
          position: 2,
          metadata: { ...e.metadata, occurredAt: '2026-03-05T09:00:00.000Z' },
        })),
      ),
      collections.deals,
    );
    expect(once[0]).toMatchObject({ lastActivityAt: '2026-03-05T09:00:00.000Z', status: 'open' });
  });
});

describe('pipeline board projection: orders of won deals', () => {
  it('given an order placed, moved on and re-promised, then the deal carries it, off the stage totals', async () => {
    const won: Event = {
      type: 'DealWon',
      data: { dealId: 'd1', customerId: 'c1', value: eur(1000), wonAt: at },
    };
    const order = (type: string, data: Record<string, unknown>): Event => ({
      type,
      data: { dealId: 'd1', customerId: 'c1', orderId: 'o1', ...data },
    });
    const result = await projectAll(
      pipelineBoardProjection,
      storedEvents([
        opened('d1', 'contact', 1000),
        won,
        order('OrderPlaced', { confirmedOn: '2026-02-26', promisedOn: '2026-03-20', placedAt: at }),
        order('OrderStatusChanged', {
          from: 'confirmed',
          to: 'shipped',
          on: '2026-03-18',
          changedAt: at,
        }),
        order('OrderPromiseChanged', {
          from: '2026-03-20',
          to: '2026-03-25',
          reason: 'late',
          changedAt: at,
        }),
      ]),
      collections.deals,
    );
    expect(result.once).toEqual([
      expect.objectContaining({
        _id: 'd1',
        status: 'won',
        orderOpen: true,
        orderPromisedOn: '2026-03-25',
        order: {
          orderId: 'o1',
          status: 'shipped',
          promisedOn: '2026-03-25',
          reference: null,
          placedAt: at,
          on: { confirmed: '2026-02-26', shipped: '2026-03-18' },
        },
      }),
    ]);

    // An order placed before its day was recorded was confirmed on the day it was placed.
    const earlier = await projectAll(
      pipelineBoardProjection,
      storedEvents([
        opened('d1', 'contact', 1000),
        won,
        order('OrderPlaced', { promisedOn: '2026-03-20', placedAt: at }),
      ]),
      collections.deals,
    );
    expect(earlier.once[0]).toMatchObject({ order: { on: { confirmed: '2026-03-01' } } });
  });
});

describe('pipeline board projection: the revision a move sends as If-Match', () => {
  const inStreams = (events: [stream: string, event: Event][]) => {
    const revisions = new Map<string, number>();
    return storedEvents(events.map(([, e]) => e)).map((stored, i) => {
      const streamId = events[i]![0];
      const revision = (revisions.get(streamId) ?? -1) + 1;
      revisions.set(streamId, revision);
      return { ...stored, streamId, revision };
    });
  };
  const revisionOf = async (events: [string, Event][]) => {
    const result = await projectAll(pipelineBoardProjection, inStreams(events), collections.deals);
    return result.once.find((d) => d._id === 'd1')?.revision;
  };
  const moved = stageMoved('d1', 'contact', 'offer');
  const offer = {
    type: 'OfferMade',
    data: { dealId: 'd1', customerId: 'c1', offerId: 'o1', version: 1, madeAt: at },
  } as unknown as Event;
  const call = {
    type: 'ActivityScheduled',
    data: {
      activityId: 'a1',
      customerId: 'c1',
      dealId: 'd1',
      kind: 'call',
      title: 'Call',
      assigneeId: 'anna',
      dueOn: '2026-03-02',
      scheduledAt: at,
    },
  } as unknown as Event;

  it('given a deal opened, then its card has revision 0', async () => {
    expect(await revisionOf([['deal-d1', opened('d1', 'contact', 100)]])).toBe(0);
  });

  it('given events of the deal’s own stream the board does not show (an offer), then the revision still follows them', async () => {
    expect(
      await revisionOf([
        ['deal-d1', opened('d1', 'contact', 100)],
        ['deal-d1', offer],
        ['deal-d1', moved],
      ]),
    ).toBe(2);
    expect(
      await revisionOf([
        ['deal-d1', opened('d1', 'contact', 100)],
        ['deal-d1', moved],
        ['deal-d1', offer],
      ]),
    ).toBe(2);
  });

  it('given work on the deal in another stream (a call), then the deal’s revision is untouched', async () => {
    expect(
      await revisionOf([
        ['deal-d1', opened('d1', 'contact', 100)],
        ['deal-d1', moved],
        ['activity-a1', call],
        ['activity-a1', call],
        ['activity-a1', call],
      ]),
    ).toBe(1);
  });
});
