import { type ActivityKind, type BusinessDay, type Participant } from '#events';

export type ActivityDoc = {
  _id: string;
  customerId: string;
  kind: ActivityKind;
  title: string;
  /** What the one who planned it wrote down for it (null: none, or a logged interaction). */
  notes: string | null;
  assigneeId: string;
  /** Who takes part: staff members and the customer's contact persons. */
  participants: Participant[];
  /** The business day it is due or starts on, for calendars. */
  day: BusinessDay;
  startsAt: string | null;
  endsAt: string | null;
  dealId: string | null;
  ticketId: string | null;
  status: 'planned' | 'completed' | 'cancelled';
  minutesSpent: number | null;
  outcome: string | null;
  doneAt: string | null;
  /** The projection's own bookkeeping (the last event it applied), not for answers. */
  _position?: number;
};

/**
 * One activity in the calendar of a staff member taking part in it who is not its assignee
 * (`<staffId>:<activityId>`), with what a calendar is filtered and ordered by. A member's
 * calendar is the activities assigned to them (by the index on the assignee) and their
 * entries (by the index on the member), merged by day.
 */
export type CalendarEntryDoc = {
  _id: string;
  /** Null once the activity has left that calendar (reassigned, or the member no longer in it). */
  staffId: string | null;
  activityId: string;
} & Pick<ActivityDoc, 'day' | 'status' | 'kind' | 'customerId' | 'dealId' | 'ticketId'>;

/** Minutes spent, per staff member or customer and day (`<staff|customer>:<id>:<day>`). */
export type TimeSpentDoc = {
  _id: string;
  by: 'staff' | 'customer' | 'deal';
  ref: string;
  day: BusinessDay;
  minutes: number;
  activities: number;
};
