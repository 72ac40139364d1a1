import { type TicketChannel, type TicketPriority, type TicketSla } from '#events';

export type TicketDoc = {
  _id: string;
  customerId: string;
  subject: string;
  /** What the customer reported, as told when it was opened or corrected since (null: none). */
  description: string | null;
  channel: TicketChannel;
  priority: TicketPriority;
  classification: string | null;
  assigneeId: string;
  status: 'open' | 'resolved' | 'closed';
  openedAt: string;
  sla: TicketSla;
  /** The first response (RespondToTicket). */
  firstResponseAt: string | null;
  /** When it was last resolved (null while open, reopened included). */
  resolvedAt: string | null;
  /** When it was closed (null: not closed). */
  closedAt: string | null;
  /**
   * When the customer first had an answer: the first response, or a resolution or closing
   * before any (absent until then). The first-response target is met or missed by it.
   */
  answeredAt?: string;
  /** Until when the customer's status page link works (null: not shared). */
  sharedUntil: string | null;
  /** When the customer last opened the status page (recorded at most once an hour). */
  customerViewedAt: string | null;
};
