import { type TicketEvent } from '#events';
import { specFor } from '../testing';
import { ticketDecider } from './ticket.decider';

const now = '2026-03-01T09:00:00.000Z';
const given = specFor(ticketDecider);
const opened: TicketEvent = {
  type: 'TicketOpened',
  data: {
    ticketId: 't1',
    customerId: 'c1',
    channel: 'email',
    subject: 'Invoice is wrong',
    priority: 'high',
    assigneeId: 's1',
    openedAt: now,
  },
};
const resolved: TicketEvent = {
  type: 'TicketResolved',
  data: { ticketId: 't1', customerId: 'c1', resolution: 'credited', resolvedAt: now },
};
const handOver = {
  type: 'Reassign' as const,
  itemId: 't1',
  fromStaffId: 's1',
  toStaffId: 's2',
  handOver: true,
  now,
};

describe('tickets', () => {
  it('opens', () => {
    given([])
      .when({
        type: 'OpenTicket',
        ticketId: 't1',
        customerId: 'c1',
        channel: 'email',
        subject: 'Invoice is wrong',
        priority: 'high',
        assigneeId: 's1',
        now,
      })
      .then([opened]);
  });
  it('resolves an open ticket', () => {
    given([opened])
      .when({ type: 'ResolveTicket', ticketId: 't1', resolution: 'credited', now })
      .then([resolved]);
  });
  it('refuses resolving twice', () => {
    given([opened, resolved])
      .when({ type: 'ResolveTicket', ticketId: 't1', resolution: 'again', now })
      .thenRejectedWith('ticket-not-open');
  });
  it('closes once', () => {
    given([
      opened,
      resolved,
      { type: 'TicketClosed', data: { ticketId: 't1', customerId: 'c1', closedAt: now } },
    ])
      .when({ type: 'CloseTicket', ticketId: 't1', now })
      .thenNothingHappened();
  });
  it('moves an open ticket in a hand-over', () => {
    given([opened])
      .when(handOver)
      .then([
        {
          type: 'TicketReassigned',
          data: {
            ticketId: 't1',
            customerId: 'c1',
            fromStaffId: 's1',
            toStaffId: 's2',
            handOver: true,
            reassignedAt: now,
          },
        },
      ]);
  });
  it('keeps a resolved ticket with its assignee in a hand-over', () => {
    given([opened, resolved]).when(handOver).thenNothingHappened();
  });
});
