import { withFieldValues } from '#domain';
import { type StoredEvent } from '#event-store';
import { ERASED, type Money } from '#events';
import { collections, type DealDoc, projections } from '#read-models';
import { type WriteOp } from '#read-store';
import { type Lookup, type Projection, typed, upsert } from '../projection';

/**
 * Where an open deal sits on a board: the stage totals it counts towards, and whether it is
 * expected to close on a day (the forecast counts those with no day from the same totals).
 */
type Placement = {
  pipelineId: string;
  stageId: string;
  ownerId: string;
  value: Money;
  dated: boolean;
};

const stageKey = (p: Pick<Placement, 'pipelineId' | 'stageId' | 'ownerId'>) =>
  `${p.pipelineId}:${p.stageId}:${p.ownerId}`;

const placementOf = (deal: DealDoc | undefined): Placement | undefined =>
  deal?.status === 'open'
    ? {
        pipelineId: deal.pipelineId,
        stageId: deal.stageId,
        ownerId: deal.ownerId,
        value: deal.value,
        dated: typeof deal.expectedCloseOn === 'string',
      }
    : undefined;

/**
 * The stage totals' writes for a deal moving from one placement to another (either may be
 * absent: opened, closed). Both land in one update when they share a stage document.
 */
const moveTotals = (
  stored: StoredEvent,
  from: Placement | undefined,
  to: Placement | undefined,
): WriteOp[] => {
  const updates = new Map<string, { at: Placement; inc: Record<string, number> }>();
  const add = (at: Placement | undefined, sign: 1 | -1) => {
    if (!at) return;
    const key = stageKey(at);
    const entry = updates.get(key) ?? { at, inc: {} };
    updates.set(key, entry);
    entry.inc.count = (entry.inc.count ?? 0) + sign;
    const money = `totals.${at.value.currency}`;
    entry.inc[money] = (entry.inc[money] ?? 0) + sign * at.value.amount;
    if (at.dated) return;
    entry.inc['undated.count'] = (entry.inc['undated.count'] ?? 0) + sign;
    const undated = `undated.totals.${at.value.currency}`;
    entry.inc[undated] = (entry.inc[undated] ?? 0) + sign * at.value.amount;
  };
  add(from, -1);
  add(to, 1);
  return [...updates].flatMap(([key, { at, inc }]) =>
    Object.values(inc).every((n) => n === 0)
      ? []
      : upsert(stored, collections.boardStages, key, {
          $setOnInsert: { pipelineId: at.pipelineId, stageId: at.stageId, ownerId: at.ownerId },
          $inc: inc,
        }),
  );
};

/** A deal event: the deal's new fields, and its placement before and after. */
const dealChange = (
  stored: StoredEvent,
  state: Lookup,
  dealId: string,
  set: Record<string, unknown>,
): WriteOp[] => {
  const before = state(collections.deals, dealId) as DealDoc | undefined;
  const after = { ...before, ...set } as DealDoc;
  return [
    ...upsert(stored, collections.deals, dealId, {
      $set: set,
      $max: { lastActivityAt: stored.metadata.occurredAt },
    }),
    ...moveTotals(stored, placementOf(before), placementOf(after)),
  ];
};

/**
 * Pipelines with their stages; one card per deal; and per stage and owner the count and value
 * of open deals, so a board of thousands of deals reads a few small documents and a page of
 * cards per stage.
 */
export const pipelineBoardProjection: Projection = {
  name: projections.board,
  indexes: [
    [collections.deals, ['customerId', 'status', 'openedAt']],
    [collections.deals, ['customerId', 'openedAt']],
    [collections.deals, ['openedAt']],
    [collections.deals, ['status', 'openedAt']],
    [collections.deals, ['ownerId', 'status']],
    [collections.deals, ['pipelineId', 'stageId', 'status', 'openedAt']],
    [collections.deals, ['pipelineId', 'stageId', 'status', 'ownerId', 'openedAt']],
    [collections.deals, ['pipelineId', 'orderOpen', 'orderPromisedOn']],
    [collections.deals, ['status', 'expectedCloseOn']],
    [collections.deals, ['status', 'closedAt']],
    [collections.deals, ['firstExpectedCloseOn']],
    [collections.boardStages, ['pipelineId']],
  ],
  state: {
    collections: [collections.deals],
    reads: (stored) => {
      const dealId = (stored.data as { dealId?: unknown }).dealId;
      return typeof dealId === 'string' ? [[collections.deals, dealId]] : [];
    },
  },
  project: (stored, state) =>
    withRevision(
      stored,
      state,
      typed(stored, (event) => {
        const deal = (id: string, set: Record<string, unknown>) =>
          dealChange(stored, state, id, set);
        switch (event.type) {
          case 'PipelineDefined': {
            const { pipelineId, name, stages, definedAt } = event.data;
            return upsert(stored, collections.pipelines, pipelineId, {
              $set: { name, stages, definedAt },
            });
          }
          case 'PipelineRenamed':
            return upsert(stored, collections.pipelines, event.data.pipelineId, {
              $set: { name: event.data.name },
            });
          case 'PipelineArchived':
          case 'PipelineRestored':
            return upsert(stored, collections.pipelines, event.data.pipelineId, {
              $set: {
                archivedAt: event.type === 'PipelineArchived' ? event.data.archivedAt : null,
              },
            });
          case 'StageAdded':
          case 'StageRenamed':
          case 'StageSettingsChanged':
          case 'StagesReordered':
          case 'StageRemoved':
            return upsert(stored, collections.pipelines, event.data.pipelineId, {
              $set: { stages: event.data.stages },
            });
          case 'DealOpened': {
            const { dealId, openedAt, ...rest } = event.data;
            return deal(dealId, {
              ...rest,
              status: 'open',
              nextAction: null,
              nextActionDueOn: null,
              openedAt,
              stageEnteredAt: openedAt,
              order: null,
              orderOpen: false,
              expectedCloseOn: rest.expectedCloseOn ?? null,
              firstExpectedCloseOn: rest.expectedCloseOn ?? null,
            });
          }
          case 'DealValueChanged':
            return deal(event.data.dealId, { value: event.data.value });
          case 'DealRenamed':
            return deal(event.data.dealId, { title: event.data.title });
          case 'DealMovedToPipeline':
            return deal(event.data.dealId, {
              pipelineId: event.data.toPipelineId,
              stageId: event.data.toStageId,
              stageEnteredAt: event.data.movedAt,
            });
          case 'DealStageMoved':
            return deal(event.data.dealId, {
              stageId: event.data.toStageId,
              stageEnteredAt: event.data.movedAt,
            });
          case 'DealNextActionScheduled': {
            const { dueOn, description, activityId } = event.data;
            return deal(event.data.dealId, {
              nextAction: { dueOn, description, ...(activityId ? { activityId } : {}) },
              nextActionDueOn: dueOn,
            });
          }
          case 'DealNextActionCleared':
            return deal(event.data.dealId, { nextAction: null, nextActionDueOn: null });
          case 'DealWon':
            return deal(event.data.dealId, { status: 'won', closedAt: event.data.wonAt });
          case 'DealLost':
            return deal(event.data.dealId, {
              status: 'lost',
              closedAt: event.data.lostAt,
              lostReason: event.data.reason,
            });
          case 'DealReopened':
            return deal(event.data.dealId, {
              status: 'open',
              stageId: event.data.stageId,
              stageEnteredAt: event.data.reopenedAt,
              closedAt: null,
              lostReason: null,
            });
          case 'DealReassigned':
            return deal(event.data.dealId, { ownerId: event.data.toStaffId });
          case 'DealCustomFieldValuesSet': {
            const before = state(collections.deals, event.data.dealId) as DealDoc | undefined;
            if (!before) return [];
            return deal(event.data.dealId, {
              customFields: withFieldValues(before.customFields ?? {}, event.data.values ?? {}),
            });
          }
          case 'DealExpectedCloseChanged': {
            const { dealId, to } = event.data;
            const before = state(collections.deals, dealId) as DealDoc | undefined;
            return deal(dealId, {
              expectedCloseOn: to,
              // The first forecast made for the deal: what past forecasts are measured by.
              firstExpectedCloseOn: before?.firstExpectedCloseOn ?? to,
            });
          }
          case 'OrderPlaced': {
            const { dealId, orderId, confirmedOn, promisedOn, reference, placedAt } = event.data;
            return deal(dealId, {
              order: {
                orderId,
                status: 'confirmed',
                promisedOn,
                reference: reference ?? null,
                placedAt,
                // Orders placed before the day was recorded: the day (UTC) of the placing.
                on: { confirmed: confirmedOn ?? placedAt.slice(0, 10) },
              },
              orderOpen: true,
              orderPromisedOn: promisedOn,
            });
          }
          case 'OrderStatusChanged': {
            const { dealId, to, on } = event.data;
            const order = (state(collections.deals, dealId) as DealDoc | undefined)?.order;
            if (!order) return [];
            return deal(dealId, {
              order: { ...order, status: to, on: { ...order.on, [to]: on } },
              orderOpen: to !== 'delivered' && to !== 'cancelled',
            });
          }
          case 'OrderPromiseChanged': {
            const { dealId, to } = event.data;
            const order = (state(collections.deals, dealId) as DealDoc | undefined)?.order;
            if (!order) return [];
            return deal(dealId, { order: { ...order, promisedOn: to }, orderPromisedOn: to });
          }
          case 'ActivityScheduled':
          case 'InteractionLogged':
            return event.data.dealId ? touched(stored, event.data.dealId) : [];
          case 'CustomerPersonalDataErased': {
            // A deal's title, next action and why it was lost are free text about the customer.
            const where = { customerId: event.data.customerId };
            const erased: WriteOp[] = [
              {
                kind: 'setWhere',
                collection: collections.deals,
                where,
                set: { title: ERASED },
                unset: ['customFields'],
              },
              {
                // set only where a next action is (the store leaves a null parent alone)
                kind: 'setWhere',
                collection: collections.deals,
                where,
                set: { 'nextAction.description': ERASED },
              },
              {
                kind: 'setWhere',
                collection: collections.deals,
                where: { ...where, status: 'lost' },
                set: { lostReason: ERASED },
              },
            ];
            return erased;
          }
          default:
            return [];
        }
      }),
    ),
};

/**
 * Every event of a deal's own stream records its revision on the deal's document (in the
 * event's own write to it where there is one), so a board card carries the revision a move
 * sends as If-Match.
 */
const withRevision = (stored: StoredEvent, state: Lookup, ops: WriteOp[]): WriteOp[] => {
  const dealId = (stored.data as { dealId?: unknown }).dealId;
  if (typeof dealId !== 'string' || stored.streamId !== `deal-${dealId}`) return ops;
  if (stored.type !== 'DealOpened' && !state(collections.deals, dealId)) return ops;
  const own = ops.findIndex(
    (op) => op.kind === 'upsert' && op.collection === collections.deals && op.id === dealId,
  );
  const op = ops[own];
  if (op?.kind !== 'upsert')
    return [
      ...ops,
      ...upsert(stored, collections.deals, dealId, { $max: { revision: stored.revision } }),
    ];
  return ops.map((o, i) =>
    i === own
      ? { ...op, update: { ...op.update, $max: { ...op.update.$max, revision: stored.revision } } }
      : o,
  );
};

/** Work on a deal outside its own stream (a call, a meeting) keeps it from rotting. */
const touched = (stored: StoredEvent, dealId: string): WriteOp[] =>
  upsert(stored, collections.deals, dealId, {
    $max: { lastActivityAt: stored.metadata.occurredAt },
  });
