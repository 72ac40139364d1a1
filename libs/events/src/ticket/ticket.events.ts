import { type Event } from '../envelope';
import { type Reassignment } from '../staff/staff.events';

export const ticketChannels = ['email', 'phone', 'web', 'chat', 'in-person'] as const;
export type TicketChannel = (typeof ticketChannels)[number];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

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
    openedAt: string;
  }
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

export type TicketEvent = TicketOpened | TicketReassigned | TicketResolved | TicketClosed;
