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
    const { once, twice } = await projectAll(
      ticketsProjection,
      storedEvents(events),
      collections.tickets,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 't1',
        status: 'resolved',
        sla,
        firstResponseAt: '2026-03-01T09:30:00.000Z',
        resolvedAt: '2026-03-01T12:00:00.000Z',
      }),
    ]);
    expect(twice).toEqual(once);
  });
});
