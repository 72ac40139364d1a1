import { type Event } from '../envelope';
import { type Reassignment } from '../staff/staff.events';

export const ticketChannels = ['email', 'phone', 'web', 'chat', 'in-person'] as const;
export type TicketChannel = (typeof ticketChannels)[number];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** Deadlines from the SLA policy of the ticket's priority, in business hours. */
export type TicketSla = { firstResponseDue: string; resolutionDue: string };

export type TicketOpened = Event<
  'TicketOpened',
  {
    ticketId: string;
    customerId: string;
    channel: TicketChannel;
    subject: string;
    description?: string;
    classification?: string;
    priority: TicketPriority;
    assigneeId: string;
    sla: TicketSla;
    openedAt: string;
  }
>;
/** What of a ticket a correction may change. */
export const ticketDetails = ['subject', 'description'] as const;
export type TicketDetail = (typeof ticketDetails)[number];

/**
 * A ticket's subject or description was corrected: both as they are now (an absent description
 * was removed), the subject it had, and which of them changed.
 */
export type TicketDetailsChanged = Event<
  'TicketDetailsChanged',
  {
    ticketId: string;
    customerId: string;
    subject: string;
    previousSubject: string;
    description?: string;
    changed: TicketDetail[];
    changedAt: string;
  }
>;
export type TicketReclassified = Event<
  'TicketReclassified',
  {
    ticketId: string;
    customerId: string;
    priority: TicketPriority;
    previousPriority: TicketPriority;
    classification: string | null;
    previousClassification: string | null;
    reason: string;
    /** Deadlines recomputed from the opening time under the new priority. */
    sla: TicketSla;
    reclassifiedAt: string;
  }
>;
export type TicketResponded = Event<
  'TicketResponded',
  {
    ticketId: string;
    customerId: string;
    message: string;
    channel: TicketChannel;
    /** The first response is what the first-response target measures. */
    first: boolean;
    staffId: string;
    respondedAt: string;
  }
>;
export type TicketReopened = Event<
  'TicketReopened',
  { ticketId: string; customerId: string; reason: string; reopenedAt: string }
>;
export type TicketReassigned = Event<'TicketReassigned', { ticketId: string } & Reassignment>;
export type TicketResolved = Event<
  'TicketResolved',
  { ticketId: string; customerId: string; resolution: string; resolvedAt: string }
>;
export type TicketClosed = Event<
  'TicketClosed',
  { ticketId: string; customerId: string; note?: string; closedAt: string }
>;

/**
 * The ticket's status page was shared with its customer: a signed link naming `shareId`, good
 * until `expiresAt`; a newer share (or a revocation) makes older links stop working.
 */
export type TicketShared = Event<
  'TicketShared',
  { ticketId: string; customerId: string; shareId: string; expiresAt: string; sharedAt: string }
>;
export type TicketShareRevoked = Event<
  'TicketShareRevoked',
  { ticketId: string; customerId: string; shareId: string; revokedAt: string }
>;
/** Someone with the link opened the status page (recorded at most once an hour). */
export type TicketStatusViewed = Event<
  'TicketStatusViewed',
  { ticketId: string; customerId: string; shareId: string; viewedAt: string }
>;

export type TicketEvent =
  | TicketShared
  | TicketShareRevoked
  | TicketStatusViewed
  | TicketOpened
  | TicketDetailsChanged
  | TicketReassigned
  | TicketReclassified
  | TicketResponded
  | TicketResolved
  | TicketReopened
  | TicketClosed;
