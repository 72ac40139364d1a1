import {
  activityDetails,
  type ActivityEvent,
  type ActivityScheduled,
  type ActivityTiming,
  type InteractionLogged,
  type Participant,
} from '#events';
import { changedDetails, corrected } from '../corrections';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type Reassign, reassignment } from '../staff/reassignment';
import { localDay } from '../ticket/business-hours';

/**
 * The business's day of an activity in its zone: a task's due day, or the day a meeting or
 * call starts there (one at 00:30 in Tallinn is on that day, not on the day before as in UTC).
 */
export const activityDay = (timing: ActivityTiming, timeZone: string): string =>
  'dueOn' in timing ? timing.dueOn : localDay(Date.parse(timing.startsAt), timeZone);

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
      /** What a correction starts from (a logged interaction has no title, notes or timing). */
      title?: string;
      notes?: string;
      participants?: Participant[];
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
/** A correction: what is given replaces, `notes: null` removes them, what is left out stays. */
export type ChangeActivityDetails = {
  type: 'ChangeActivityDetails';
  activityId: string;
  changes: { title?: string; notes?: string | null; participants?: Participant[] };
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
  | ChangeActivityDetails
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
    case 'ChangeActivityDetails': {
      const activity = planned(state, command.activityId, 'changed');
      const { changes } = command;
      if (changes.title !== undefined && changes.title.trim() === '')
        throw violated('title-required', 'An activity needs a title');
      const before = {
        title: activity.title ?? '',
        notes: activity.notes,
        participants: activity.participants ?? [],
      };
      const after = {
        title: changes.title ?? before.title,
        notes: corrected(changes.notes, before.notes),
        participants: changes.participants ?? before.participants,
      };
      const changed = changedDetails(activityDetails, before, after);
      if (changed.length === 0) return [];
      return [
        {
          type: 'ActivityDetailsChanged',
          data: {
            activityId: activity.activityId,
            customerId: activity.customerId,
            title: after.title,
            previousTitle: before.title,
            ...(after.notes !== undefined ? { notes: after.notes } : {}),
            participants: after.participants,
            changed,
            changedAt: command.now,
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
    const { activityId, customerId, assigneeId, dealId, timing, title, notes, participants } =
      event.data;
    return {
      status: 'planned',
      activityId,
      customerId,
      assigneeId,
      timing,
      title,
      participants: participants ?? [],
      ...(notes !== undefined ? { notes } : {}),
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
    case 'ActivityDetailsChanged': {
      const { notes: _n, ...rest } = state;
      const { title, notes, participants } = event.data;
      return { ...rest, title, participants, ...(notes !== undefined ? { notes } : {}) };
    }
    default:
      return unreachable(event);
  }
};

export const activityDecider: Decider<ActivityCommand, ActivityEvent, ActivityState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
