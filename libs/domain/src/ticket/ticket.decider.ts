import { type TicketChannel, type TicketEvent, type TicketPriority } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type Reassign, reassignment } from '../staff/reassignment';

export type TicketStatus = 'open' | 'resolved' | 'closed';

export type TicketState =
  | { status: 'none' }
  | { status: TicketStatus; ticketId: string; customerId: string; assigneeId: string };

export type OpenTicket = {
  type: 'OpenTicket';
  ticketId: string;
  customerId: string;
  channel: TicketChannel;
  subject: string;
  description?: string;
  classification?: string;
  priority: TicketPriority;
  assigneeId: string;
  now: string;
};
export type ResolveTicket = {
  type: 'ResolveTicket';
  ticketId: string;
  resolution: string;
  now: string;
};
export type CloseTicket = { type: 'CloseTicket'; ticketId: string; note?: string; now: string };

export type TicketCommand = OpenTicket | ResolveTicket | CloseTicket | Reassign;

const existing = (state: TicketState, ticketId: string) => {
  if (state.status === 'none') throw notFound('ticket', ticketId);
  return state;
};

const decide = (command: TicketCommand, state: TicketState): TicketEvent[] => {
  switch (command.type) {
    case 'OpenTicket': {
      if (state.status !== 'none') throw alreadyExists('ticket', command.ticketId);
      if (command.subject.trim() === '')
        throw violated('subject-required', 'A ticket needs a subject');
      const { type: _t, now, ...rest } = command;
      return [{ type: 'TicketOpened', data: { ...rest, openedAt: now } }];
    }
    case 'ResolveTicket': {
      const ticket = existing(state, command.ticketId);
      if (ticket.status !== 'open')
        throw violated('ticket-not-open', `A ${ticket.status} ticket cannot be resolved`);
      return [
        {
          type: 'TicketResolved',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            resolution: command.resolution,
            resolvedAt: command.now,
          },
        },
      ];
    }
    case 'CloseTicket': {
      const ticket = existing(state, command.ticketId);
      if (ticket.status === 'closed') return [];
      return [
        {
          type: 'TicketClosed',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            ...(command.note ? { note: command.note } : {}),
            closedAt: command.now,
          },
        },
      ];
    }
    case 'Reassign': {
      if (state.status === 'none') throw notFound('ticket', command.itemId);
      const moved = reassignment(
        {
          what: 'ticket',
          ownerId: state.assigneeId,
          open: state.status === 'open',
        },
        command,
      );
      return moved
        ? [
            {
              type: 'TicketReassigned',
              data: { ticketId: state.ticketId, customerId: state.customerId, ...moved },
            },
          ]
        : [];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: TicketState, event: TicketEvent): TicketState => {
  if (event.type === 'TicketOpened') {
    const { ticketId, customerId, assigneeId } = event.data;
    return { status: 'open', ticketId, customerId, assigneeId };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TicketReassigned':
      return { ...state, assigneeId: event.data.toStaffId };
    case 'TicketResolved':
      return { ...state, status: 'resolved' };
    case 'TicketClosed':
      return { ...state, status: 'closed' };
    default:
      return unreachable(event);
  }
};

export const ticketDecider: Decider<TicketCommand, TicketEvent, TicketState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
