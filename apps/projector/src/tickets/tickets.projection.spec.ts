import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { ticketsProjection } from './tickets.projection';

const sla = {
  firstResponseDue: '2026-03-01T10:00:00.000Z',
  resolutionDue: '2026-03-01T13:00:00.000Z',
};
const events: Event[] = [
  {
    type: 'TicketOpened',
    data: {
      ticketId: 't1',
      customerId: 'c1',
      channel: 'email',
      subject: 'Broken',
      priority: 'normal',
      assigneeId: 's1',
      sla,
      openedAt: '2026-03-01T09:00:00.000Z',
    },
  },
  {
    type: 'TicketResponded',
    data: {
      ticketId: 't1',
      customerId: 'c1',
      message: 'On it',
      channel: 'email',
      first: true,
      staffId: 's1',
      respondedAt: '2026-03-01T09:30:00.000Z',
    },
  },
  {
    type: 'TicketResponded',
    data: {
      ticketId: 't1',
      customerId: 'c1',
      message: 'Still on it',
      channel: 'email',
      first: false,
      staffId: 's1',
      respondedAt: '2026-03-01T11:00:00.000Z',
    },
  },
  {
    type: 'TicketResolved',
    data: {
      ticketId: 't1',
      customerId: 'c1',
      resolution: 'fixed',
      resolvedAt: '2026-03-01T12:00:00.000Z',
    },
  },
];

describe('tickets projection', () => {
  it('keeps the first response and the resolution time, replay-safe', async () => {
    const { once } = await projectAll(ticketsProjection, storedEvents(events), collections.tickets);
    expect(once).toEqual([
      expect.objectContaining({
        _id: 't1',
        status: 'resolved',
        sla,
        firstResponseAt: '2026-03-01T09:30:00.000Z',
        resolvedAt: '2026-03-01T12:00:00.000Z',
        answeredAt: '2026-03-01T09:30:00.000Z',
        closedAt: null,
      }),
    ]);
  });
  it('given a resolution before any response, a reopening and a closing, then the resolution was the first answer', async () => {
    const opened = events[0]!;
    const at = (iso: string) => `2026-03-01T${iso}:00.000Z`;
    const { once } = await projectAll(
      ticketsProjection,
      storedEvents([
        opened,
        {
          type: 'TicketResolved',
          data: { ticketId: 't1', customerId: 'c1', resolution: 'fixed', resolvedAt: at('09:20') },
        },
        {
          type: 'TicketReopened',
          data: { ticketId: 't1', customerId: 'c1', reason: 'not fixed', reopenedAt: at('10:00') },
        },
        {
          type: 'TicketResponded',
          data: {
            ticketId: 't1',
            customerId: 'c1',
            message: 'Looking again',
            channel: 'email',
            first: false,
            staffId: 's1',
            respondedAt: at('10:30'),
          },
        },
        {
          type: 'TicketClosed',
          data: { ticketId: 't1', customerId: 'c1', closedAt: at('11:00') },
        },
      ]),
      collections.tickets,
    );
    expect(once).toEqual([
      expect.objectContaining({
        status: 'closed',
        firstResponseAt: null,
        resolvedAt: null,
        closedAt: at('11:00'),
        answeredAt: at('09:20'),
      }),
    ]);
  });
});

describe('tickets projection: the status page shared with the customer', () => {
  it('given a share, an opening and a revocation, then until when it was shared and when it was opened', async () => {
    const share = (shareId: string): Event => ({
      type: 'TicketShared',
      data: {
        ticketId: 't1',
        customerId: 'c1',
        shareId,
        expiresAt: '2026-03-31T09:00:00.000Z',
        sharedAt: '2026-03-01T10:00:00.000Z',
      },
    });
    const viewed: Event = {
      type: 'TicketStatusViewed',
      data: {
        ticketId: 't1',
        customerId: 'c1',
        shareId: 'h1',
        viewedAt: '2026-03-01T11:00:00.000Z',
      },
    };
    const shared = await projectAll(
      ticketsProjection,
      storedEvents([events[0]!, share('h1'), viewed]),
      collections.tickets,
    );
    expect(shared.once).toEqual([
      expect.objectContaining({
        sharedUntil: '2026-03-31T09:00:00.000Z',
        customerViewedAt: '2026-03-01T11:00:00.000Z',
      }),
    ]);
    const revoked = await projectAll(
      ticketsProjection,
      storedEvents([
        events[0]!,
        share('h1'),
        {
          type: 'TicketShareRevoked',
          data: {
            ticketId: 't1',
            customerId: 'c1',
            shareId: 'h1',
            revokedAt: '2026-03-02T09:00:00.000Z',
          },
        },
      ]),
      collections.tickets,
    );
    expect(revoked.once).toEqual([
      expect.objectContaining({ sharedUntil: null, customerViewedAt: null }),
    ]);
  });
});
