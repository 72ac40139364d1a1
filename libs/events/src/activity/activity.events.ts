import { type BusinessDay, type Event } from '../envelope';
import { type RepliedEmail } from '../inbound-email/inbound-email.events';
import { type Reassignment } from '../staff/staff.events';

export const activityKinds = ['task', 'call', 'meeting', 'event', 'email', 'note'] as const;
export type ActivityKind = (typeof activityKinds)[number];
/** The kinds in which someone is in touch with the customer; tasks and notes are work about them. */
export const contactKinds: readonly ActivityKind[] = ['call', 'meeting', 'event', 'email'];

/** When an activity happens: a due day (tasks) or a start and end instant (meetings, calls). */
export type ActivityTiming = { dueOn: BusinessDay } | { startsAt: string; endsAt: string };

/** Who takes part: staff members and the customer's contact persons. */
export type Participant = { kind: 'staff' | 'contact'; id: string };

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
    participants?: Participant[];
    assigneeId: string;
    scheduledAt: string;
  }
>;
export type ActivityRescheduled = Event<
  'ActivityRescheduled',
  {
    activityId: string;
    customerId: string;
    from: ActivityTiming;
    to: ActivityTiming;
    reason?: string;
    rescheduledAt: string;
  }
>;
/** A call, meeting or other contact that already happened, recorded after the fact. */
export type InteractionLogged = Event<
  'InteractionLogged',
  {
    activityId: string;
    customerId: string;
    kind: ActivityKind;
    summary: string;
    minutesSpent: number;
    occurredAt: string;
    dealId?: string;
    ticketId?: string;
    participants?: Participant[];
    staffId: string;
    /** A call logged from a telephony system (POST /calls): its number, way and length. */
    call?: CallRecord;
    /** A message received at the CRM's address (inbound SMTP) that involves the customer. */
    email?: InboundEmailRecord;
    loggedAt: string;
  }
>;

/** A call as the telephony system reported it; `number` is the other party's, as E.164. */
export type CallRecord = {
  direction: 'inbound' | 'outbound';
  number: string;
  durationSeconds: number;
  /** The telephony system's own id of the call. */
  callId?: string;
  recordingDocumentId?: string;
};
/** An incoming message as logged on a customer: its addresses, text and kept attachments. */
export type InboundEmailRecord = {
  inboundEmailId: string;
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  /** The attachments kept as the customer's documents. */
  documentIds: string[];
  /** Attachments not kept (a type documents do not accept, or content not of its type). */
  notKept?: string[];
  inReplyTo?: RepliedEmail;
};
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
/** What of a planned activity a correction may change. */
export const activityDetails = ['title', 'notes', 'participants'] as const;
export type ActivityDetail = (typeof activityDetails)[number];

/**
 * A planned activity's details were corrected: its title, notes and participants as they are
 * now (absent notes were removed), the title it had, and which of them changed.
 */
export type ActivityDetailsChanged = Event<
  'ActivityDetailsChanged',
  {
    activityId: string;
    customerId: string;
    title: string;
    previousTitle: string;
    notes?: string;
    participants: Participant[];
    changed: ActivityDetail[];
    changedAt: string;
  }
>;
export type ActivityReassigned = Event<'ActivityReassigned', { activityId: string } & Reassignment>;

export type ActivityEvent =
  | ActivityScheduled
  | ActivityRescheduled
  | ActivityDetailsChanged
  | InteractionLogged
  | ActivityCompleted
  | ActivityCancelled
  | ActivityReassigned;
