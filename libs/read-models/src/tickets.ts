import { type TicketChannel, type TicketPriority, type TicketSla } from '#events';

export type TicketDoc = {
  _id: string;
  customerId: string;
  subject: string;
  channel: TicketChannel;
  priority: TicketPriority;
  classification: string | null;
  assigneeId: string;
  status: 'open' | 'resolved' | 'closed';
  openedAt: string;
  sla: TicketSla;
  firstResponseAt: string | null;
  resolvedAt: string | null;
};
