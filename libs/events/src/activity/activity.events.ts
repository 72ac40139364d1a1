import { type BusinessDay, type Event } from '../envelope';
import { type Reassignment } from '../staff/staff.events';

export const activityKinds = ['task', 'call', 'meeting', 'event', 'email', 'note'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** When an activity happens: a due day (tasks) or a start and end instant (meetings, calls). */
export type ActivityTiming = { dueOn: BusinessDay } | { startsAt: string; endsAt: string };

export type ActivityScheduled = Event<
  'ActivityScheduled',
  {
    activityId: string;
    customerId: string;
    kind: ActivityKind;
    title: string;
    notes?: string;
    timing: ActivityTiming;
    dealId?: string;
    ticketId?: string;
    assigneeId: string;
    scheduledAt: string;
  }
>;
export type ActivityCompleted = Event<
  'ActivityCompleted',
  {
    activityId: string;
    customerId: string;
    outcome: string;
    minutesSpent: number;
    completedAt: string;
  }
>;
export type ActivityCancelled = Event<
  'ActivityCancelled',
  { activityId: string; customerId: string; reason?: string; cancelledAt: string }
>;
export type ActivityReassigned = Event<'ActivityReassigned', { activityId: string } & Reassignment>;

export type ActivityEvent =
  ActivityScheduled | ActivityCompleted | ActivityCancelled | ActivityReassigned;
