import {
  type ActivityEvent,
  type ActivityScheduled,
  type ActivityTiming,
  type InteractionLogged,
} from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type Reassign, reassignment } from '../staff/reassignment';

export type ActivityStatus = 'planned' | 'completed' | 'cancelled';

export type ActivityState =
  | { status: 'none' }
  | {
      status: ActivityStatus;
      activityId: string;
      customerId: string;
      assigneeId: string;
      dealId?: string;
      timing?: ActivityTiming;
    };

/** What the event records, with the time it arrives at instead of the time it was recorded. */
export type ScheduleActivity = { type: 'ScheduleActivity'; now: string } & Omit<
  ActivityScheduled['data'],
  'scheduledAt'
>;
export type RescheduleActivity = {
  type: 'RescheduleActivity';
  activityId: string;
  timing: ActivityTiming;
  reason?: string;
  now: string;
};
export type LogInteraction = { type: 'LogInteraction'; now: string } & Omit<
  InteractionLogged['data'],
  'loggedAt'
>;
export type CompleteActivity = {
  type: 'CompleteActivity';
  activityId: string;
  outcome: string;
  minutesSpent: number;
  now: string;
};
export type CancelActivity = {
  type: 'CancelActivity';
  activityId: string;
  reason?: string;
  now: string;
};

export type ActivityCommand =
  | ScheduleActivity
  | RescheduleActivity
  | LogInteraction
  | CompleteActivity
  | CancelActivity
  | Reassign;

const checkTiming = (timing: ActivityTiming) => {
  if ('startsAt' in timing && timing.endsAt < timing.startsAt)
    throw violated('ends-before-start', 'An activity cannot end before it starts');
};

const planned = (state: ActivityState, activityId: string, action: string) => {
  if (state.status === 'none') throw notFound('activity', activityId);
  if (state.status !== 'planned')
    throw violated('activity-closed', `A ${state.status} activity cannot be ${action}`);
  return state;
};

const decide = (command: ActivityCommand, state: ActivityState): ActivityEvent[] => {
  switch (command.type) {
    case 'ScheduleActivity': {
      if (state.status !== 'none') throw alreadyExists('activity', command.activityId);
      if (command.title.trim() === '')
        throw violated('title-required', 'An activity needs a title');
      checkTiming(command.timing);
      const { type: _t, now, ...rest } = command;
      return [{ type: 'ActivityScheduled', data: { ...rest, scheduledAt: now } }];
    }
    case 'RescheduleActivity': {
      const activity = planned(state, command.activityId, 'rescheduled');
      checkTiming(command.timing);
      if (JSON.stringify(activity.timing) === JSON.stringify(command.timing)) return [];
      return [
        {
          type: 'ActivityRescheduled',
          data: {
            activityId: activity.activityId,
            customerId: activity.customerId,
            from: activity.timing!,
            to: command.timing,
            ...(command.reason ? { reason: command.reason } : {}),
            rescheduledAt: command.now,
          },
        },
      ];
    }
    case 'LogInteraction': {
      if (state.status !== 'none') throw alreadyExists('activity', command.activityId);
      if (command.occurredAt > command.now)
        throw violated('interaction-in-future', 'A logged interaction has already happened');
      if (command.summary.trim() === '')
        throw violated('summary-required', 'A logged interaction needs a summary');
      const { type: _t, now, ...rest } = command;
      return [{ type: 'InteractionLogged', data: { ...rest, loggedAt: now } }];
    }
    case 'CompleteActivity': {
      const activity = planned(state, command.activityId, 'completed');
      return [
        {
          type: 'ActivityCompleted',
          data: {
            activityId: activity.activityId,
            customerId: activity.customerId,
            outcome: command.outcome,
            minutesSpent: command.minutesSpent,
            completedAt: command.now,
          },
        },
      ];
    }
    case 'CancelActivity': {
      const activity = planned(state, command.activityId, 'cancelled');
      return [
        {
          type: 'ActivityCancelled',
          data: {
            activityId: activity.activityId,
            customerId: activity.customerId,
            ...(command.reason ? { reason: command.reason } : {}),
            cancelledAt: command.now,
          },
        },
      ];
    }
    case 'Reassign': {
      if (state.status === 'none') throw notFound('activity', command.itemId);
      const moved = reassignment(
        {
          what: 'activity',
          ownerId: state.assigneeId,
          open: state.status === 'planned',
        },
        command,
      );
      return moved
        ? [
            {
              type: 'ActivityReassigned',
              data: { activityId: state.activityId, customerId: state.customerId, ...moved },
            },
          ]
        : [];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: ActivityState, event: ActivityEvent): ActivityState => {
  if (event.type === 'ActivityScheduled') {
    const { activityId, customerId, assigneeId, dealId, timing } = event.data;
    return {
      status: 'planned',
      activityId,
      customerId,
      assigneeId,
      timing,
      ...(dealId ? { dealId } : {}),
    };
  }
  if (event.type === 'InteractionLogged') {
    const { activityId, customerId, staffId, dealId } = event.data;
    return {
      status: 'completed',
      activityId,
      customerId,
      assigneeId: staffId,
      ...(dealId ? { dealId } : {}),
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ActivityCompleted':
      return { ...state, status: 'completed' };
    case 'ActivityCancelled':
      return { ...state, status: 'cancelled' };
    case 'ActivityReassigned':
      return { ...state, assigneeId: event.data.toStaffId };
    case 'ActivityRescheduled':
      return { ...state, timing: event.data.to };
    default:
      return unreachable(event);
  }
};

export const activityDecider: Decider<ActivityCommand, ActivityEvent, ActivityState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
