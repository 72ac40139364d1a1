import {
  type TicketChannel,
  type TicketEvent,
  type TicketOpened,
  type TicketPriority,
  type TicketSla,
} from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type Reassign, reassignment } from '../staff/reassignment';

export type TicketStatus = 'open' | 'resolved' | 'closed';

export type KnownTicket = {
  status: TicketStatus;
  ticketId: string;
  customerId: string;
  assigneeId: string;
  priority: TicketPriority;
  classification: string | null;
  openedAt: string;
  responded: boolean;
};

export type TicketState = { status: 'none' } | KnownTicket;

/** The handler applies the SLA policy of the priority to stamp `sla`. */
export type OpenTicket = { type: 'OpenTicket'; now: string } & Omit<
  TicketOpened['data'],
  'openedAt'
>;
export type ReclassifyTicket = {
  type: 'ReclassifyTicket';
  ticketId: string;
  priority?: TicketPriority;
  classification?: string | null;
  reason: string;
  /** Deadlines for the new priority from the opening time (the handler computes them). */
  sla: (priority: TicketPriority, openedAt: string) => TicketSla;
  now: string;
};
export type RespondToTicket = {
  type: 'RespondToTicket';
  ticketId: string;
  message: string;
  channel: TicketChannel;
  staffId: string;
  now: string;
};
export type ResolveTicket = {
  type: 'ResolveTicket';
  ticketId: string;
  resolution: string;
  now: string;
};
export type ReopenTicket = { type: 'ReopenTicket'; ticketId: string; reason: string; now: string };
export type CloseTicket = { type: 'CloseTicket'; ticketId: string; note?: string; now: string };

export type TicketCommand =
  | OpenTicket
  | ReclassifyTicket
  | RespondToTicket
  | ResolveTicket
  | ReopenTicket
  | CloseTicket
  | Reassign;

const existing = (state: TicketState, ticketId: string) => {
  if (state.status === 'none') throw notFound('ticket', ticketId);
  return state;
};

const notClosed = (ticket: KnownTicket, action: string) => {
  if (ticket.status === 'closed')
    throw violated('ticket-closed', `A closed ticket cannot be ${action}`);
  return ticket;
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
    case 'ReclassifyTicket': {
      const ticket = notClosed(existing(state, command.ticketId), 'reclassified');
      const priority = command.priority ?? ticket.priority;
      const classification =
        command.classification === undefined ? ticket.classification : command.classification;
      if (priority === ticket.priority && classification === ticket.classification) return [];
      if (command.reason.trim() === '')
        throw violated('reason-required', 'Reclassifying needs a reason');
      return [
        {
          type: 'TicketReclassified',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            priority,
            previousPriority: ticket.priority,
            classification,
            previousClassification: ticket.classification,
            reason: command.reason,
            sla: command.sla(priority, ticket.openedAt),
            reclassifiedAt: command.now,
          },
        },
      ];
    }
    case 'RespondToTicket': {
      const ticket = notClosed(existing(state, command.ticketId), 'answered');
      if (command.message.trim() === '')
        throw violated('message-required', 'A response needs a message');
      return [
        {
          type: 'TicketResponded',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            message: command.message,
            channel: command.channel,
            first: !ticket.responded,
            staffId: command.staffId,
            respondedAt: command.now,
          },
        },
      ];
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
    case 'ReopenTicket': {
      const ticket = existing(state, command.ticketId);
      if (ticket.status !== 'resolved')
        throw violated('ticket-not-resolved', `A ${ticket.status} ticket cannot be reopened`);
      if (command.reason.trim() === '')
        throw violated('reason-required', 'Reopening needs a reason');
      return [
        {
          type: 'TicketReopened',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            reason: command.reason,
            reopenedAt: command.now,
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
      const ticket = existing(state, command.itemId);
      const moved = reassignment(
        { what: 'ticket', ownerId: ticket.assigneeId, open: ticket.status === 'open' },
        command,
      );
      return moved
        ? [
            {
              type: 'TicketReassigned',
              data: { ticketId: ticket.ticketId, customerId: ticket.customerId, ...moved },
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
    const { ticketId, customerId, assigneeId, priority, classification, openedAt } = event.data;
    return {
      status: 'open',
      ticketId,
      customerId,
      assigneeId,
      priority,
      classification: classification ?? null,
      openedAt,
      responded: false,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TicketReassigned':
      return { ...state, assigneeId: event.data.toStaffId };
    case 'TicketReclassified':
      return {
        ...state,
        priority: event.data.priority,
        classification: event.data.classification,
      };
    case 'TicketResponded':
      return { ...state, responded: true };
    case 'TicketResolved':
      return { ...state, status: 'resolved' };
    case 'TicketReopened':
      return { ...state, status: 'open' };
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
