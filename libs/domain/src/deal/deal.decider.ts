import { type BusinessDay, type CustomFieldValue, type DealEvent, type Money } from '#events';
import {
  type CustomFieldDefinition,
  customFieldChanges,
  withFieldValues,
} from '../custom-field/custom-field.decider';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type Reassign, reassignment } from '../staff/reassignment';
import { decideOffer, evolveOffers, type OfferCommand, type OfferState } from './offers';
import { decideOrder, evolveOrder, type OrderCommand, orderOpen, type OrderState } from './orders';

export type DealStatus = 'open' | 'won' | 'lost';

export type DealState =
  | { status: 'none' }
  | {
      status: DealStatus;
      dealId: string;
      customerId: string;
      pipelineId: string;
      stageId: string;
      title: string;
      value: Money;
      ownerId: string;
      nextAction?: { dueOn: BusinessDay; description: string; activityId?: string };
      offers: Record<string, OfferState>;
      /** A won deal's order, once placed. */
      order?: OrderState | null;
      expectedCloseOn?: BusinessDay | null;
      /** Custom field values. */
      fieldValues?: Record<string, CustomFieldValue>;
    };

/** The stages of the deal's pipeline, as the handler read them from the pipeline stream. */
export type PipelineContext = { pipelineId: string; stageIds: string[] };

export type OpenDeal = {
  type: 'OpenDeal';
  dealId: string;
  customerId: string;
  pipeline: PipelineContext;
  stageId?: string;
  title: string;
  value: Money;
  ownerId: string;
  sourceLeadId?: string;
  expectedCloseOn?: BusinessDay;
  now: string;
};
/** When an open deal is expected to close, for the forecast; moving it keeps the reason. */
export type SetExpectedClose = {
  type: 'SetExpectedClose';
  dealId: string;
  expectedCloseOn: BusinessDay;
  reason?: string;
  now: string;
};
export type MoveDealStage = {
  type: 'MoveDealStage';
  dealId: string;
  stageId: string;
  pipeline: PipelineContext;
  now: string;
};
export type ScheduleNextAction = {
  type: 'ScheduleNextAction';
  dealId: string;
  dueOn: BusinessDay;
  description: string;
  /**
   * A scheduled activity proposes itself as the next action: it becomes it when the deal
   * has none, when it is due earlier, or when it already is it (rescheduled).
   */
  activityId?: string;
};
export type ClearNextAction = {
  type: 'ClearNextAction';
  dealId: string;
  /** Clear only if this activity is the next action. */
  activityId?: string;
  reason: string;
  now: string;
};
export type MoveDealToPipeline = {
  type: 'MoveDealToPipeline';
  dealId: string;
  /** The target pipeline's stages, as the handler read them. */
  pipeline: PipelineContext;
  stageId?: string;
  now: string;
};
/** Gives a deal, open or closed, another title. */
export type RenameDeal = { type: 'RenameDeal'; dealId: string; title: string; now: string };
export type ChangeDealValue = {
  type: 'ChangeDealValue';
  dealId: string;
  value: Money;
  reason?: string;
  now: string;
};
/** Custom field values of the deal, open or closed; `fields` as the handler read them. */
export type SetDealCustomFieldValues = {
  type: 'SetDealCustomFieldValues';
  dealId: string;
  values: Record<string, unknown>;
  fields: Readonly<Record<string, CustomFieldDefinition>>;
  now: string;
};
export type WinDeal = { type: 'WinDeal'; dealId: string; note?: string; now: string };
export type LoseDeal = { type: 'LoseDeal'; dealId: string; reason: string; now: string };
export type ReopenDeal = { type: 'ReopenDeal'; dealId: string; reason?: string; now: string };

export type DealCommand =
  | OpenDeal
  | MoveDealStage
  | ScheduleNextAction
  | WinDeal
  | LoseDeal
  | ReopenDeal
  | MoveDealToPipeline
  | ChangeDealValue
  | RenameDeal
  | ClearNextAction
  | OfferCommand
  | OrderCommand
  | SetExpectedClose
  | SetDealCustomFieldValues
  | Reassign;

const existing = (state: DealState, dealId: string) => {
  if (state.status === 'none') throw notFound('deal', dealId);
  return state;
};

const open = (state: DealState, dealId: string, action: string) => {
  const deal = existing(state, dealId);
  if (deal.status !== 'open')
    throw violated('deal-closed', `A ${deal.status} deal cannot be ${action}; reopen it first`);
  return deal;
};

const decide = (command: DealCommand, state: DealState): DealEvent[] => {
  switch (command.type) {
    case 'OpenDeal': {
      if (state.status !== 'none') throw alreadyExists('deal', command.dealId);
      const stageId = command.stageId ?? command.pipeline.stageIds[0];
      if (stageId === undefined || !command.pipeline.stageIds.includes(stageId))
        throw violated('stage-not-in-pipeline', `Stage ${String(stageId)} is not in the pipeline`);
      if (command.value.amount < 0)
        throw violated('value-not-negative', 'A deal value cannot be negative');
      const { type: _t, now, pipeline, ...rest } = command;
      return [
        {
          type: 'DealOpened',
          data: { ...rest, pipelineId: pipeline.pipelineId, stageId, openedAt: now },
        },
      ];
    }
    case 'MoveDealStage': {
      const deal = open(state, command.dealId, 'moved');
      if (!command.pipeline.stageIds.includes(command.stageId))
        throw violated(
          'stage-not-in-pipeline',
          `Stage ${command.stageId} is not in the deal's pipeline`,
        );
      if (deal.stageId === command.stageId) return [];
      return [
        {
          type: 'DealStageMoved',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            fromStageId: deal.stageId,
            toStageId: command.stageId,
            movedAt: command.now,
          },
        },
      ];
    }
    case 'ScheduleNextAction': {
      if (command.activityId) {
        // An activity on a closed deal is fine; it just is no next action of it.
        if (state.status !== 'open') return [];
        const current = state.nextAction;
        const replaces =
          !current || current.activityId === command.activityId || command.dueOn < current.dueOn;
        if (!replaces) return [];
        if (
          current?.activityId === command.activityId &&
          current.dueOn === command.dueOn &&
          current.description === command.description
        )
          return [];
      }
      const deal = open(state, command.dealId, 'planned');
      if (command.description.trim() === '')
        throw violated('description-required', 'A next action needs a description');
      return [
        {
          type: 'DealNextActionScheduled',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            dueOn: command.dueOn,
            description: command.description,
            ...(command.activityId ? { activityId: command.activityId } : {}),
          },
        },
      ];
    }
    case 'ClearNextAction': {
      const deal = existing(state, command.dealId);
      const current = deal.nextAction;
      if (!current) return [];
      if (command.activityId !== undefined && current.activityId !== command.activityId) return [];
      return [
        {
          type: 'DealNextActionCleared',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            ...(current.activityId ? { activityId: current.activityId } : {}),
            reason: command.reason,
            clearedAt: command.now,
          },
        },
      ];
    }
    case 'WinDeal': {
      const deal = open(state, command.dealId, 'won');
      return [
        {
          type: 'DealWon',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            value: deal.value,
            wonAt: command.now,
            ...(command.note ? { note: command.note } : {}),
          },
        },
      ];
    }
    case 'LoseDeal': {
      const deal = open(state, command.dealId, 'lost');
      if (command.reason.trim() === '')
        throw violated('reason-required', 'Losing a deal needs a reason');
      return [
        {
          type: 'DealLost',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            reason: command.reason,
            lostAt: command.now,
          },
        },
      ];
    }
    case 'ReopenDeal': {
      const deal = existing(state, command.dealId);
      if (deal.status === 'open') throw violated('deal-open', 'The deal is already open');
      if (orderOpen(deal.order ?? null))
        throw violated(
          'order-in-progress',
          'The deal carries an order under way; cancel the order before reopening the deal',
        );
      return [
        {
          type: 'DealReopened',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            stageId: deal.stageId,
            ...(command.reason ? { reason: command.reason } : {}),
            reopenedAt: command.now,
          },
        },
      ];
    }
    case 'RenameDeal': {
      const deal = existing(state, command.dealId);
      const title = command.title.trim();
      if (title === '') throw violated('title-required', 'A deal needs a title');
      if (title === deal.title) return [];
      return [
        {
          type: 'DealRenamed',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            title,
            previousTitle: deal.title,
            renamedAt: command.now,
          },
        },
      ];
    }
    case 'ChangeDealValue': {
      const deal = open(state, command.dealId, 'revalued');
      if (command.value.amount < 0)
        throw violated('value-not-negative', 'A deal value cannot be negative');
      if (
        command.value.amount === deal.value.amount &&
        command.value.currency === deal.value.currency
      )
        return [];
      return [
        {
          type: 'DealValueChanged',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            value: command.value,
            previousValue: deal.value,
            ...(command.reason ? { reason: command.reason } : {}),
            changedAt: command.now,
          },
        },
      ];
    }
    case 'SetDealCustomFieldValues': {
      const deal = existing(state, command.dealId);
      const { values, labels } = customFieldChanges(
        command.fields,
        'deal',
        deal.fieldValues ?? {},
        command.values,
      );
      if (Object.keys(values).length === 0) return [];
      return [
        {
          type: 'DealCustomFieldValuesSet',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            values,
            labels,
            setAt: command.now,
          },
        },
      ];
    }
    case 'SetExpectedClose': {
      const deal = open(state, command.dealId, 'forecast');
      const from = deal.expectedCloseOn ?? null;
      if (from === command.expectedCloseOn) return [];
      return [
        {
          type: 'DealExpectedCloseChanged',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            from,
            to: command.expectedCloseOn,
            ...(command.reason ? { reason: command.reason } : {}),
            changedAt: command.now,
          },
        },
      ];
    }
    case 'PlaceOrder':
    case 'ChangeOrderStatus':
    case 'ChangeOrderPromise': {
      const deal = existing(state, command.dealId);
      return decideOrder(command, { ...deal, order: deal.order ?? null });
    }
    case 'MakeOffer':
    case 'ReviseOffer':
    case 'AcceptOffer':
    case 'RejectOffer':
    case 'ExpireOffer': {
      const deal = existing(state, command.dealId);
      return decideOffer(command, {
        dealId: deal.dealId,
        customerId: deal.customerId,
        open: deal.status === 'open',
        value: deal.value,
        offers: deal.offers,
      });
    }
    case 'MoveDealToPipeline': {
      const deal = open(state, command.dealId, 'moved');
      if (deal.pipelineId === command.pipeline.pipelineId)
        throw violated('same-pipeline', 'The deal is in that pipeline already; move its stage');
      const stageId = command.stageId ?? command.pipeline.stageIds[0];
      if (stageId === undefined || !command.pipeline.stageIds.includes(stageId))
        throw violated('stage-not-in-pipeline', `Stage ${String(stageId)} is not in the pipeline`);
      return [
        {
          type: 'DealMovedToPipeline',
          data: {
            dealId: deal.dealId,
            customerId: deal.customerId,
            fromPipelineId: deal.pipelineId,
            fromStageId: deal.stageId,
            toPipelineId: command.pipeline.pipelineId,
            toStageId: stageId,
            movedAt: command.now,
          },
        },
      ];
    }
    case 'Reassign': {
      const deal = existing(state, command.itemId);
      const moved = reassignment(
        {
          what: 'deal',
          ownerId: deal.ownerId,
          open: deal.status === 'open',
        },
        command,
      );
      return moved
        ? [
            {
              type: 'DealReassigned',
              data: { dealId: deal.dealId, customerId: deal.customerId, ...moved },
            },
          ]
        : [];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: DealState, event: DealEvent): DealState => {
  if (event.type === 'DealOpened') {
    const { dealId, customerId, pipelineId, stageId, title, value, ownerId, expectedCloseOn } =
      event.data;
    return {
      status: 'open',
      dealId,
      customerId,
      pipelineId,
      stageId,
      title,
      value,
      ownerId,
      offers: {},
      expectedCloseOn: expectedCloseOn ?? null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'DealStageMoved':
      return { ...state, stageId: event.data.toStageId };
    case 'DealNextActionScheduled':
      return {
        ...state,
        nextAction: {
          dueOn: event.data.dueOn,
          description: event.data.description,
          ...(event.data.activityId ? { activityId: event.data.activityId } : {}),
        },
      };
    case 'DealNextActionCleared': {
      const { nextAction: _cleared, ...rest } = state;
      return rest;
    }
    case 'DealWon':
      return { ...state, status: 'won' };
    case 'DealLost':
      return { ...state, status: 'lost' };
    case 'DealReopened':
      return { ...state, status: 'open', stageId: event.data.stageId };
    case 'DealReassigned':
      return { ...state, ownerId: event.data.toStaffId };
    case 'DealMovedToPipeline':
      return { ...state, pipelineId: event.data.toPipelineId, stageId: event.data.toStageId };
    case 'DealValueChanged':
      return { ...state, value: event.data.value };
    case 'DealRenamed':
      return { ...state, title: event.data.title };
    case 'OfferMade':
    case 'OfferRevised':
    case 'OfferAccepted':
    case 'OfferRejected':
    case 'OfferExpired':
      return { ...state, offers: evolveOffers(state.offers, event) };
    case 'OrderPlaced':
    case 'OrderStatusChanged':
    case 'OrderPromiseChanged':
      return { ...state, order: evolveOrder(state.order ?? null, event) };
    case 'DealExpectedCloseChanged':
      return { ...state, expectedCloseOn: event.data.to };
    case 'DealCustomFieldValuesSet':
      return {
        ...state,
        fieldValues: withFieldValues(state.fieldValues ?? {}, event.data.values ?? {}),
      };
    default:
      return unreachable(event);
  }
};

export const dealDecider: Decider<DealCommand, DealEvent, DealState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
