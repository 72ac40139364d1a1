import { type TicketEvent } from '#events';
import { specFor } from '../testing';
import { ticketDecider } from './ticket.decider';

const now = '2026-03-01T09:00:00.000Z';
const given = specFor(ticketDecider);
const sla = {
  firstResponseDue: '2026-03-01T15:00:00.000Z',
  resolutionDue: '2026-03-02T15:00:00.000Z',
};
const opened: TicketEvent = {
  type: 'TicketOpened',
  data: {
    ticketId: 't1',
    customerId: 'c1',
    channel: 'email',
    subject: 'Invoice is wrong',
    priority: 'high',
    assigneeId: 's1',
    sla,
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
        sla,
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
  it('refuses assigning a resolved ticket (a round-robin rule that comes late among them)', () => {
    given([opened, resolved])
      .when({ ...handOver, handOver: false, reason: 'Assigned in turn by a workflow rule' })
      .thenRejectedWith('ticket-closed');
  });
});

describe('ticket service', () => {
  const policy = (priority: string, openedAt: string) => ({
    firstResponseDue: `${priority} from ${openedAt}`,
    resolutionDue: `${priority} resolution`,
  });
  it('reclassifies with a reason and restamps the deadlines for the new priority', () => {
    given([opened])
      .when({
        type: 'ReclassifyTicket',
        ticketId: 't1',
        priority: 'urgent',
        classification: 'billing',
        reason: 'customer blocked',
        sla: policy,
        now,
      })
      .then([
        {
          type: 'TicketReclassified',
          data: {
            ticketId: 't1',
            customerId: 'c1',
            priority: 'urgent',
            previousPriority: 'high',
            classification: 'billing',
            previousClassification: null,
            reason: 'customer blocked',
            sla: { firstResponseDue: `urgent from ${now}`, resolutionDue: 'urgent resolution' },
            reclassifiedAt: now,
          },
        },
      ]);
    given([opened])
      .when({
        type: 'ReclassifyTicket',
        ticketId: 't1',
        priority: 'high',
        reason: 'same',
        sla: policy,
        now,
      })
      .thenNothingHappened();
  });
  it('marks the first response as first, and later ones not', () => {
    const respond = {
      type: 'RespondToTicket' as const,
      ticketId: 't1',
      message: 'Looking into it',
      channel: 'email' as const,
      staffId: 's1',
      now,
    };
    const first: TicketEvent = {
      type: 'TicketResponded',
      data: {
        ticketId: 't1',
        customerId: 'c1',
        message: 'Looking into it',
        channel: 'email',
        first: true,
        staffId: 's1',
        respondedAt: now,
      },
    };
    given([opened]).when(respond).then([first]);
    given([opened, first])
      .when(respond)
      .then([{ ...first, data: { ...first.data, first: false } }]);
  });
  it('reopens a resolved ticket only', () => {
    const reopen = { type: 'ReopenTicket' as const, ticketId: 't1', reason: 'still broken', now };
    given([opened, resolved])
      .when(reopen)
      .then([
        {
          type: 'TicketReopened',
          data: { ticketId: 't1', customerId: 'c1', reason: 'still broken', reopenedAt: now },
        },
      ]);
    given([opened]).when(reopen).thenRejectedWith('ticket-not-resolved');
  });
  it('refuses answering a closed ticket', () => {
    given([
      opened,
      { type: 'TicketClosed', data: { ticketId: 't1', customerId: 'c1', closedAt: now } },
    ])
      .when({
        type: 'RespondToTicket',
        ticketId: 't1',
        message: 'x',
        channel: 'email',
        staffId: 's1',
        now,
      })
      .thenRejectedWith('ticket-closed');
  });
});

describe("a ticket's status page shared with its customer", () => {
  const until = '2026-03-31T09:00:00.000Z';
  const shared = (shareId: string): TicketEvent => ({
    type: 'TicketShared',
    data: { ticketId: 't1', customerId: 'c1', shareId, expiresAt: until, sharedAt: now },
  });
  const later = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
  const view = (shareId: string, at: string) => ({
    type: 'ViewTicketStatus' as const,
    ticketId: 't1',
    shareId,
    now: at,
  });
  const viewed = (at: string): TicketEvent => ({
    type: 'TicketStatusViewed',
    data: { ticketId: 't1', customerId: 'c1', shareId: 'h1', viewedAt: at },
  });

  it('given a ticket, when shared until a day to come, then shared; a new link replaces the old', () => {
    given([opened])
      .when({ type: 'ShareTicket', ticketId: 't1', shareId: 'h1', expiresAt: until, now })
      .then([shared('h1')]);
    given([opened, shared('h1')])
      .when({ type: 'ShareTicket', ticketId: 't1', shareId: 'h1', expiresAt: until, now })
      .thenNothingHappened();
    given([opened])
      .when({ type: 'ShareTicket', ticketId: 't1', shareId: 'h1', expiresAt: now, now })
      .thenRejectedWith('share-expiry-past');
  });
  it('given the live link, when opened, then recorded, and not again within the hour', () => {
    given([opened, shared('h1')])
      .when(view('h1', later(1000)))
      .then([viewed(later(1000))]);
    given([opened, shared('h1'), viewed(later(1000))])
      .when(view('h1', later(30 * 60_000)))
      .thenNothingHappened();
    given([opened, shared('h1'), viewed(later(1000))])
      .when(view('h1', later(2 * 3_600_000)))
      .then([viewed(later(2 * 3_600_000))]);
  });
  it('given a replaced, revoked or expired link, then it opens nothing', () => {
    given([opened, shared('h1'), shared('h2')])
      .when(view('h1', later(1000)))
      .thenRejectedWith('ticket-share-invalid');
    const revoked: TicketEvent = {
      type: 'TicketShareRevoked',
      data: { ticketId: 't1', customerId: 'c1', shareId: 'h1', revokedAt: now },
    };
    given([opened, shared('h1')])
      .when({ type: 'RevokeTicketShare', ticketId: 't1', now })
      .then([revoked]);
    given([opened, shared('h1'), revoked])
      .when(view('h1', later(1000)))
      .thenRejectedWith('ticket-share-invalid');
    given([opened, shared('h1'), revoked])
      .when({ type: 'RevokeTicketShare', ticketId: 't1', now })
      .thenRejectedWith('no-ticket-share');
    given([opened, shared('h1')])
      .when(view('h1', until))
      .thenRejectedWith('ticket-share-invalid');
  });
});

describe('ChangeTicketDetails', () => {
  const change = (changes: { subject?: string; description?: string | null }) => ({
    type: 'ChangeTicketDetails' as const,
    ticketId: 't1',
    changes,
    now,
  });
  type Changed = Extract<TicketEvent, { type: 'TicketDetailsChanged' }>['data'];
  const changed = (data: Omit<Changed, 'ticketId' | 'customerId' | 'changedAt'>): TicketEvent => ({
    type: 'TicketDetailsChanged',
    data: { ticketId: 't1', customerId: 'c1', changedAt: now, ...data },
  });
  const closed: TicketEvent = {
    type: 'TicketClosed',
    data: { ticketId: 't1', customerId: 'c1', closedAt: now },
  };

  it('given an open ticket, when its subject is corrected and a description given, then both as they are now and the subject it had are recorded', () => {
    given([opened])
      .when(change({ subject: 'Invoice 2026-000012 is wrong', description: 'VAT rate 22 %' }))
      .then([
        changed({
          subject: 'Invoice 2026-000012 is wrong',
          previousSubject: 'Invoice is wrong',
          description: 'VAT rate 22 %',
          changed: ['subject', 'description'],
        }),
      ]);
  });
  it('given a description, when it is sent as null, then it is removed and the subject stays', () => {
    given([
      opened,
      changed({
        subject: 'Invoice is wrong',
        previousSubject: 'Invoice is wrong',
        description: 'VAT rate 22 %',
        changed: ['description'],
      }),
    ])
      .when(change({ description: null }))
      .then([
        changed({
          subject: 'Invoice is wrong',
          previousSubject: 'Invoice is wrong',
          changed: ['description'],
        }),
      ]);
  });
  it('given a resolved ticket, when the same subject is sent, then nothing is recorded', () => {
    given([opened, resolved])
      .when(change({ subject: 'Invoice is wrong' }))
      .then([]);
  });
  it('given an open ticket, when the subject is blank, then it is refused', () => {
    given([opened])
      .when(change({ subject: ' ' }))
      .thenRejectedWith('subject-required');
  });
  it('given a closed ticket, when its details are changed, then it is refused', () => {
    given([opened, resolved, closed])
      .when(change({ subject: 'Another' }))
      .thenRejectedWith('ticket-closed');
  });
});
