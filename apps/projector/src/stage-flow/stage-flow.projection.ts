import { localDay } from '#domain';
import { type StoredEvent } from '#event-store';
import { type PipelineStage } from '#events';
import {
  collections,
  projections,
  type StageFlowDealDoc,
  type StageFlowPipelineDoc,
  stageFlowMonthId,
} from '#read-models';
import { type WriteOp } from '#read-store';
import {
  type Lookup,
  type Projection,
  type ProjectionSettings,
  typed,
  upsert,
} from '../projection';

type Counter = 'entered' | 'advanced' | 'movedBack' | 'won' | 'lost' | 'movedOut';

/** A deal leaving a stage or coming into one, in the month it happened. */
type Step = {
  pipelineId: string;
  stageId: string;
  ownerId: string;
  count: Counter;
  msInStage?: number;
};

/** The deal events that read where the deal is (the others of a deal change nothing here). */
const dealSteps = new Set([
  'DealReassigned',
  'DealStageMoved',
  'DealWon',
  'DealLost',
  'DealReopened',
  'DealMovedToPipeline',
]);

const dealOf = (state: Lookup, dealId: string) =>
  state(collections.stageFlowDeals, dealId) as StageFlowDealDoc | undefined;

/** How long a deal was in its stage until `at` (never negative: clocks of two writers). */
const since = (deal: StageFlowDealDoc, at: string) =>
  Math.max(0, Date.parse(at) - Date.parse(deal.enteredAt));

/**
 * How deals flow through each pipeline's stages, per business month (`timeZone`): how often
 * they came into a stage and how they left it — to a later stage, an earlier one, won, lost or
 * to another pipeline — with the time spent there. It keeps where each open deal is and since
 * when, and each pipeline's stage order: a move is forward or back by the order at the time.
 */
export const stageFlowProjection = ({ timeZone }: ProjectionSettings): Projection => {
  const monthAt = (instant: string) => localDay(Date.parse(instant), timeZone).slice(0, 7);

  /** The counts of the steps, one write per stage month (a move within a month is two). */
  const count = (stored: StoredEvent, at: string, steps: Step[]): WriteOp[] => {
    const month = monthAt(at);
    const incs = new Map<string, { step: Step; inc: Record<string, number> }>();
    for (const step of steps) {
      const id = stageFlowMonthId(step.pipelineId, step.stageId, step.ownerId, month);
      const entry = incs.get(id) ?? { step, inc: {} };
      incs.set(id, entry);
      entry.inc[step.count] = (entry.inc[step.count] ?? 0) + 1;
      if (step.msInStage !== undefined)
        entry.inc.msInStage = (entry.inc.msInStage ?? 0) + step.msInStage;
    }
    return [...incs].flatMap(([id, { step, inc }]) =>
      upsert(stored, collections.stageFlowMonths, id, {
        $setOnInsert: {
          pipelineId: step.pipelineId,
          stageId: step.stageId,
          ownerId: step.ownerId,
          month,
        },
        $inc: inc,
      }),
    );
  };

  const stagesChanged = (
    stored: StoredEvent,
    pipelineId: string,
    stages: PipelineStage[],
    also: { name?: string } = {},
  ) =>
    upsert(stored, collections.stageFlowPipelines, pipelineId, {
      $set: {
        ...also,
        stageIds: stages.map((s) => s.stageId),
        ...Object.fromEntries(stages.map((s) => [`stageNames.${s.stageId}`, s.name])),
      },
    });

  const placed = (
    stored: StoredEvent,
    dealId: string,
    at: Omit<StageFlowDealDoc, '_id' | 'open' | 'ownerId'> & { ownerId?: string },
  ) => upsert(stored, collections.stageFlowDeals, dealId, { $set: { ...at, open: true } });

  return {
    name: projections.stageFlow,
    settings: { timeZone },
    indexes: [[collections.stageFlowMonths, ['pipelineId', 'month']]],
    state: {
      collections: [collections.stageFlowDeals, collections.stageFlowPipelines],
      reads: (stored) => {
        const { dealId } = stored.data as { dealId?: unknown };
        return dealSteps.has(stored.type) && typeof dealId === 'string'
          ? [[collections.stageFlowDeals, dealId]]
          : [];
      },
      // A move is forward or back by the order of the deal's pipeline.
      named: (stored, state) => {
        if (stored.type !== 'DealStageMoved') return [];
        const deal = dealOf(state, (stored.data as { dealId: string }).dealId);
        return deal ? [[collections.stageFlowPipelines, deal.pipelineId]] : [];
      },
    },
    project: (stored, state) =>
      typed(stored, (event) => {
        switch (event.type) {
          case 'PipelineDefined': {
            const { pipelineId, name, stages } = event.data;
            return stagesChanged(stored, pipelineId, stages, { name });
          }
          case 'PipelineRenamed':
            return upsert(stored, collections.stageFlowPipelines, event.data.pipelineId, {
              $set: { name: event.data.name },
            });
          case 'StageAdded':
          case 'StageRenamed':
          case 'StageSettingsChanged':
          case 'StagesReordered':
          case 'StageRemoved':
            return stagesChanged(stored, event.data.pipelineId, event.data.stages);
          case 'DealOpened': {
            const { dealId, pipelineId, stageId, ownerId, openedAt } = event.data;
            return [
              ...placed(stored, dealId, { pipelineId, stageId, ownerId, enteredAt: openedAt }),
              ...count(stored, openedAt, [{ pipelineId, stageId, ownerId, count: 'entered' }]),
            ];
          }
          case 'DealReassigned': {
            const { dealId, toStaffId } = event.data;
            // What the deal does from now on counts for its new owner.
            return dealOf(state, dealId)
              ? upsert(stored, collections.stageFlowDeals, dealId, { $set: { ownerId: toStaffId } })
              : [];
          }
          case 'DealStageMoved': {
            const { dealId, toStageId, movedAt } = event.data;
            const deal = dealOf(state, dealId);
            if (!deal?.open) return [];
            const { pipelineId, ownerId } = deal;
            const order = (
              state(collections.stageFlowPipelines, pipelineId) as StageFlowPipelineDoc | undefined
            )?.stageIds;
            // A stage the order does not hold (removed since) ranks before every other one.
            const rank = (stageId: string) => order?.indexOf(stageId) ?? -1;
            const forward = rank(toStageId) >= rank(deal.stageId);
            return [
              ...placed(stored, dealId, { pipelineId, stageId: toStageId, enteredAt: movedAt }),
              ...count(stored, movedAt, [
                {
                  pipelineId,
                  stageId: deal.stageId,
                  ownerId,
                  count: forward ? 'advanced' : 'movedBack',
                  msInStage: since(deal, movedAt),
                },
                { pipelineId, stageId: toStageId, ownerId, count: 'entered' },
              ]),
            ];
          }
          case 'DealWon':
          case 'DealLost': {
            const { dealId } = event.data;
            const at = event.type === 'DealWon' ? event.data.wonAt : event.data.lostAt;
            const deal = dealOf(state, dealId);
            if (!deal?.open) return [];
            return [
              ...upsert(stored, collections.stageFlowDeals, dealId, { $set: { open: false } }),
              ...count(stored, at, [
                {
                  pipelineId: deal.pipelineId,
                  stageId: deal.stageId,
                  ownerId: deal.ownerId,
                  count: event.type === 'DealWon' ? 'won' : 'lost',
                  msInStage: since(deal, at),
                },
              ]),
            ];
          }
          case 'DealReopened': {
            const { dealId, stageId, reopenedAt } = event.data;
            const deal = dealOf(state, dealId);
            if (!deal || deal.open) return [];
            const { pipelineId, ownerId } = deal;
            return [
              ...placed(stored, dealId, { pipelineId, stageId, enteredAt: reopenedAt }),
              ...count(stored, reopenedAt, [{ pipelineId, stageId, ownerId, count: 'entered' }]),
            ];
          }
          case 'DealMovedToPipeline': {
            const { dealId, toPipelineId, toStageId, movedAt } = event.data;
            const deal = dealOf(state, dealId);
            if (!deal?.open) return [];
            return [
              ...placed(stored, dealId, {
                pipelineId: toPipelineId,
                stageId: toStageId,
                enteredAt: movedAt,
              }),
              ...count(stored, movedAt, [
                {
                  pipelineId: deal.pipelineId,
                  stageId: deal.stageId,
                  ownerId: deal.ownerId,
                  count: 'movedOut',
                  msInStage: since(deal, movedAt),
                },
                {
                  pipelineId: toPipelineId,
                  stageId: toStageId,
                  ownerId: deal.ownerId,
                  count: 'entered',
                },
              ]),
            ];
          }
          default:
            return [];
        }
      }),
  };
};
