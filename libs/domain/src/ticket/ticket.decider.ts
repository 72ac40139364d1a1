import {
  type TicketChannel,
  type TicketEvent,
  type TicketOpened,
  type TicketPriority,
  type TicketSla,
  ticketDetails,
} from '#events';
import { changedDetails, corrected } from '../corrections';
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
  /** What a correction starts from. */
  subject: string;
  description?: string;
  responded: boolean;
  /** The live link to the status page, and when it was last opened (recorded). */
  share: { shareId: string; expiresAt: string; lastViewedAt: string | null } | null;
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
/** A correction: what is given replaces, `description: null` removes it, the rest stays. */
export type ChangeTicketDetails = {
  type: 'ChangeTicketDetails';
  ticketId: string;
  changes: { subject?: string; description?: string | null };
  now: string;
};
export type ReopenTicket = { type: 'ReopenTicket'; ticketId: string; reason: string; now: string };
export type CloseTicket = { type: 'CloseTicket'; ticketId: string; note?: string; now: string };

/** Shares the status page with the customer until `expiresAt`: a new link replaces the old. */
export type ShareTicket = {
  type: 'ShareTicket';
  ticketId: string;
  shareId: string;
  expiresAt: string;
  now: string;
};
export type RevokeTicketShare = { type: 'RevokeTicketShare'; ticketId: string; now: string };
/** The status page opened through the link naming `shareId`. */
export type ViewTicketStatus = {
  type: 'ViewTicketStatus';
  ticketId: string;
  shareId: string;
  now: string;
};

/** Opening the status page again within this long of the last recorded opening adds nothing. */
export const STATUS_VIEW_QUIET_MS = 3_600_000;

export type TicketCommand =
  | ShareTicket
  | RevokeTicketShare
  | ViewTicketStatus
  | OpenTicket
  | ChangeTicketDetails
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
    case 'ChangeTicketDetails': {
      const ticket = notClosed(existing(state, command.ticketId), 'changed');
      const { changes } = command;
      if (changes.subject !== undefined && changes.subject.trim() === '')
        throw violated('subject-required', 'A ticket needs a subject');
      const subject = changes.subject ?? ticket.subject;
      const description = corrected(changes.description, ticket.description);
      const changed = changedDetails(ticketDetails, ticket, { subject, description });
      if (changed.length === 0) return [];
      return [
        {
          type: 'TicketDetailsChanged',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            subject,
            previousSubject: ticket.subject,
            ...(description !== undefined ? { description } : {}),
            changed,
            changedAt: command.now,
          },
        },
      ];
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
    case 'ShareTicket': {
      const ticket = existing(state, command.ticketId);
      if (command.expiresAt <= command.now)
        throw violated('share-expiry-past', 'A shared link must be good for some time to come');
      if (ticket.share?.shareId === command.shareId) return [];
      return [
        {
          type: 'TicketShared',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            shareId: command.shareId,
            expiresAt: command.expiresAt,
            sharedAt: command.now,
          },
        },
      ];
    }
    case 'RevokeTicketShare': {
      const ticket = existing(state, command.ticketId);
      if (!ticket.share)
        throw violated('no-ticket-share', 'The ticket is not shared with its customer');
      return [
        {
          type: 'TicketShareRevoked',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            shareId: ticket.share.shareId,
            revokedAt: command.now,
          },
        },
      ];
    }
    case 'ViewTicketStatus': {
      const ticket = existing(state, command.ticketId);
      const share = ticket.share;
      if (!share || share.shareId !== command.shareId || share.expiresAt <= command.now)
        throw violated('ticket-share-invalid', 'The link is revoked, replaced or expired');
      if (
        share.lastViewedAt !== null &&
        Date.parse(command.now) - Date.parse(share.lastViewedAt) < STATUS_VIEW_QUIET_MS
      )
        return [];
      return [
        {
          type: 'TicketStatusViewed',
          data: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            shareId: share.shareId,
            viewedAt: command.now,
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
      subject: event.data.subject,
      ...(event.data.description !== undefined ? { description: event.data.description } : {}),
      responded: false,
      share: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TicketReassigned':
      return { ...state, assigneeId: event.data.toStaffId };
    case 'TicketDetailsChanged': {
      const { description: _d, ...rest } = state;
      const { subject, description } = event.data;
      return { ...rest, subject, ...(description !== undefined ? { description } : {}) };
    }
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
    case 'TicketShared':
      return {
        ...state,
        share: { shareId: event.data.shareId, expiresAt: event.data.expiresAt, lastViewedAt: null },
      };
    case 'TicketShareRevoked':
      return { ...state, share: null };
    case 'TicketStatusViewed':
      return state.share
        ? { ...state, share: { ...state.share, lastViewedAt: event.data.viewedAt } }
        : state;
    default:
      return unreachable(event);
  }
};

export const ticketDecider: Decider<TicketCommand, TicketEvent, TicketState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
