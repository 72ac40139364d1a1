import { collections, projections } from '#read-models';
import { type Update } from '#read-store';
import { type Projection, typed, upsert } from '../projection';

/** Pipelines with their stages, and one card per deal; the board is grouped at read time. */
export const pipelineBoardProjection: Projection = {
  name: projections.board,
  indexes: [
    [collections.deals, ['pipelineId', 'status']],
    [collections.deals, ['customerId', 'status']],
    [collections.deals, ['ownerId', 'status']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      const at = stored.metadata.occurredAt;
      const deal = (id: string, update: Update) => upsert(stored, collections.deals, id, update);
      switch (event.type) {
        case 'PipelineDefined': {
          const { pipelineId, name, stages, definedAt } = event.data;
          return upsert(stored, collections.pipelines, pipelineId, {
            $set: { name, stages, definedAt },
          });
        }
        case 'StageAdded':
        case 'StageRenamed':
        case 'StageSettingsChanged':
        case 'StagesReordered':
        case 'StageRemoved':
          return upsert(stored, collections.pipelines, event.data.pipelineId, {
            $set: { stages: event.data.stages },
          });
        case 'DealValueChanged':
          return deal(event.data.dealId, {
            $set: { value: event.data.value, lastActivityAt: at },
          });
        case 'DealMovedToPipeline':
          return deal(event.data.dealId, {
            $set: {
              pipelineId: event.data.toPipelineId,
              stageId: event.data.toStageId,
              stageEnteredAt: event.data.movedAt,
              lastActivityAt: at,
            },
          });
        case 'DealOpened': {
          const { dealId, openedAt, ...rest } = event.data;
          return deal(dealId, {
            $set: {
              ...rest,
              status: 'open',
              nextAction: null,
              openedAt,
              stageEnteredAt: openedAt,
              lastActivityAt: at,
            },
          });
        }
        case 'DealStageMoved':
          return deal(event.data.dealId, {
            $set: {
              stageId: event.data.toStageId,
              stageEnteredAt: event.data.movedAt,
              lastActivityAt: at,
            },
          });
        case 'DealNextActionScheduled': {
          const { dueOn, description, activityId } = event.data;
          return deal(event.data.dealId, {
            $set: {
              nextAction: { dueOn, description, ...(activityId ? { activityId } : {}) },
              lastActivityAt: at,
            },
          });
        }
        case 'DealNextActionCleared':
          return deal(event.data.dealId, { $set: { nextAction: null, lastActivityAt: at } });
        case 'DealWon':
          return deal(event.data.dealId, {
            $set: { status: 'won', closedAt: event.data.wonAt, lastActivityAt: at },
          });
        case 'DealLost':
          return deal(event.data.dealId, {
            $set: {
              status: 'lost',
              closedAt: event.data.lostAt,
              lostReason: event.data.reason,
              lastActivityAt: at,
            },
          });
        case 'DealReopened':
          return deal(event.data.dealId, {
            $set: {
              status: 'open',
              stageId: event.data.stageId,
              closedAt: null,
              lostReason: null,
              lastActivityAt: at,
            },
          });
        case 'DealReassigned':
          return deal(event.data.dealId, {
            $set: { ownerId: event.data.toStaffId, lastActivityAt: at },
          });
        default:
          return [];
      }
    }),
};
