import { type ActivityKind, type BusinessDay } from '#events';

export type ActivityDoc = {
  _id: string;
  customerId: string;
  kind: ActivityKind;
  title: string;
  assigneeId: string;
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
};

/** Minutes spent, per staff member or customer and day (`<staff|customer>:<id>:<day>`). */
export type TimeSpentDoc = {
  _id: string;
  by: 'staff' | 'customer';
  ref: string;
  day: BusinessDay;
  minutes: number;
  activities: number;
};
