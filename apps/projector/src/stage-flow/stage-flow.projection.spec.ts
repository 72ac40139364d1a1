import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { stageFlowProjection } from './stage-flow.projection';

const projection = stageFlowProjection({ timeZone: 'Europe/Tallinn' });
const eur = { amount: 1000, currency: 'EUR' };
const stages = (...ids: string[]) => ids.map((stageId) => ({ stageId, name: `Stage ${stageId}` }));
const day = (d: number, hour = 9) => new Date(Date.UTC(2026, 2, d, hour)).toISOString();

const defined = (pipelineId: string, ...ids: string[]): Event => ({
  type: 'PipelineDefined',
  data: { pipelineId, name: `Pipeline ${pipelineId}`, stages: stages(...ids), definedAt: day(1) },
});
const opened = (dealId: string, stageId: string, at: string, pipelineId = 'p'): Event => ({
  type: 'DealOpened',
  data: {
    dealId,
    customerId: 'c1',
    pipelineId,
    stageId,
    title: dealId,
    value: eur,
    ownerId: 'anna',
    openedAt: at,
  },
});
const moved = (dealId: string, fromStageId: string, toStageId: string, at: string): Event => ({
  type: 'DealStageMoved',
  data: { dealId, customerId: 'c1', fromStageId, toStageId, movedAt: at },
});

/** The counts per stage month, without the fields every document has. */
const flow = async (events: Event[]) => {
  const { once } = await projectAll(projection, storedEvents(events), collections.stageFlowMonths);
  return Object.fromEntries(
    once.map(
      ({ _id, pipelineId: _p, stageId: _s, ownerId: _o, month: _m, _position: _q, ...counts }) => [
        _id,
        counts,
      ],
    ),
  );
};

describe('stage flow projection: how deals come into each stage and leave it', () => {
  it('given deals moved forward and back, won and lost, then each stage counts who came in, how they left and the time they spent', async () => {
    expect(
      await flow([
        defined('p', 'contact', 'offer', 'deal'),
        opened('d1', 'contact', day(2)),
        opened('d2', 'contact', day(2)),
        moved('d1', 'contact', 'offer', day(4)),
        moved('d1', 'offer', 'contact', day(5)),
        moved('d1', 'contact', 'deal', day(6)),
        { type: 'DealWon', data: { dealId: 'd1', customerId: 'c1', value: eur, wonAt: day(9) } },
        { type: 'DealLost', data: { dealId: 'd2', customerId: 'c1', reason: 'x', lostAt: day(3) } },
        // Closed deals leave nothing more: a second close, or a move, is not counted.
        { type: 'DealLost', data: { dealId: 'd2', customerId: 'c1', reason: 'x', lostAt: day(4) } },
      ]),
    ).toEqual({
      'p:contact:anna:2026-03': {
        entered: 3,
        advanced: 2,
        lost: 1,
        // d1 2 days + 1 day, d2 1 day
        msInStage: 4 * 86_400_000,
      },
      'p:offer:anna:2026-03': { entered: 1, movedBack: 1, msInStage: 86_400_000 },
      'p:deal:anna:2026-03': { entered: 1, won: 1, msInStage: 3 * 86_400_000 },
    });
  });

  it('given a move at 00:30 in Tallinn on 1 April, then it counts in April there, not in March as in UTC', async () => {
    expect(
      Object.keys(
        await flow([
          defined('p', 'contact', 'offer'),
          opened('d1', 'contact', day(20)),
          moved('d1', 'contact', 'offer', '2026-03-31T21:30:00.000Z'),
        ]),
      ),
    ).toEqual(['p:contact:anna:2026-03', 'p:contact:anna:2026-04', 'p:offer:anna:2026-04']);
  });

  it('given the stages reordered, then a move is forward or back by the order at the time', async () => {
    const events: Event[] = [
      defined('p', 'a', 'b'),
      opened('d1', 'a', day(2)),
      moved('d1', 'a', 'b', day(3)),
      {
        type: 'StagesReordered',
        data: { pipelineId: 'p', stages: stages('b', 'a'), changedAt: day(4) },
      },
      moved('d1', 'b', 'a', day(5)),
    ];
    expect(await flow(events)).toMatchObject({
      'p:a:anna:2026-03': { entered: 2, advanced: 1 },
      'p:b:anna:2026-03': { entered: 1, advanced: 1 },
    });
  });

  it('given a deal reopened and moved to another pipeline, then it leaves one pipeline and enters the other', async () => {
    expect(
      await flow([
        defined('p', 'a', 'b'),
        defined('q', 'x'),
        opened('d1', 'a', day(2)),
        { type: 'DealLost', data: { dealId: 'd1', customerId: 'c1', reason: 'x', lostAt: day(3) } },
        {
          type: 'DealReopened',
          data: { dealId: 'd1', customerId: 'c1', stageId: 'b', reopenedAt: day(5) },
        },
        {
          type: 'DealMovedToPipeline',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            fromPipelineId: 'p',
            fromStageId: 'b',
            toPipelineId: 'q',
            toStageId: 'x',
            movedAt: day(7),
          },
        },
      ]),
    ).toEqual({
      'p:a:anna:2026-03': { entered: 1, lost: 1, msInStage: 86_400_000 },
      'p:b:anna:2026-03': { entered: 1, movedOut: 1, msInStage: 2 * 86_400_000 },
      'q:x:anna:2026-03': { entered: 1 },
    });
  });

  it('given a deal reassigned, then what it does from then on counts for its new owner', async () => {
    expect(
      await flow([
        defined('p', 'a', 'b'),
        opened('d1', 'a', day(2)),
        {
          type: 'DealReassigned',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            fromStaffId: 'anna',
            toStaffId: 'mart',
            handOver: true,
            reassignedAt: day(3),
          },
        },
        moved('d1', 'a', 'b', day(4)),
      ]),
    ).toEqual({
      'p:a:anna:2026-03': { entered: 1 },
      'p:a:mart:2026-03': { advanced: 1, msInStage: 2 * 86_400_000 },
      'p:b:mart:2026-03': { entered: 1 },
    });
  });

  it('given stages renamed and removed, then the pipeline keeps every stage name it had', async () => {
    const { once } = await projectAll(
      projection,
      storedEvents([
        defined('p', 'a', 'b'),
        {
          type: 'StageRemoved',
          data: {
            pipelineId: 'p',
            stageId: 'b',
            name: 'Stage b',
            stages: stages('a'),
            changedAt: day(2),
          },
        },
      ]),
      collections.stageFlowPipelines,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'p',
        name: 'Pipeline p',
        stageIds: ['a'],
        stageNames: { a: 'Stage a', b: 'Stage b' },
      }),
    ]);
  });
});
