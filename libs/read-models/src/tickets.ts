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
  firstResponseAt: string | null;
  resolvedAt: string | null;
  /** Until when the customer's status page link works (null: not shared). */
  sharedUntil: string | null;
  /** When the customer last opened the status page (recorded at most once an hour). */
  customerViewedAt: string | null;
};
