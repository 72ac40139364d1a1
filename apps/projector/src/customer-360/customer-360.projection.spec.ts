import { MemoryEventStore, type NewEvent } from '#event-store';
import { type Event, MAILER } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { customer360Projection } from './customer-360.projection';

const at = '2026-03-01T09:00:00.000Z';
let n = 0;
const recorded = (event: Event): NewEvent => {
  const eventId = `e${++n}`;
  return {
    eventId,
    type: event.type,
    data: event.data,
    metadata: {
      eventId,
      schemaVersion: 1,
      occurredAt: at,
      actorId: 's1',
      commandId: eventId,
      correlationId: eventId,
      causationId: eventId,
      customerId: 'c1',
    },
  };
};

describe('customer 360 projection', () => {
  it('given tags added and removed in one append (one commit), then both changes apply', async () => {
    // The memory store hands out positions as EventStoreDB does: one commit per append.
    const log = new MemoryEventStore({ positions: 'per-commit' });
    await log.append(
      'customer-c1',
      [
        recorded({
          type: 'CustomerRegistered',
          data: {
            customerId: 'c1',
            kind: 'company',
            name: 'Õismäe OÜ',
            ownerId: 's1',
            registeredAt: at,
          },
        }),
      ],
      'no_stream',
    );
    await log.append(
      'customer-c1',
      [
        recorded({
          type: 'CustomerTagged',
          data: { customerId: 'c1', tags: ['vip', 'b2b'], taggedAt: at },
        }),
        recorded({
          type: 'CustomerUntagged',
          data: { customerId: 'c1', tags: ['vip'], untaggedAt: at },
        }),
      ],
      0,
    );
    const events = await log.readAll(0, { limit: 10 });

    const { once } = await projectAll(customer360Projection, events, collections.customers);

    expect(once.map((doc) => doc.tagSet)).toEqual([{ b2b: true }]);
  });
});

describe('customer 360 projection: the last contact', () => {
  const customerId = 'c1';
  const registered: Event = {
    type: 'CustomerRegistered',
    data: { customerId, kind: 'company', name: 'Purje OÜ', ownerId: 's1', registeredAt: at },
  };
  const scheduled = (activityId: string, kind: string): Event => ({
    type: 'ActivityScheduled',
    data: {
      activityId,
      customerId,
      kind,
      title: 'x',
      timing: { dueOn: '2026-03-02' },
      assigneeId: 's1',
      scheduledAt: at,
    },
  });
  const completed = (activityId: string, completedAt: string): Event => ({
    type: 'ActivityCompleted',
    data: { activityId, customerId, outcome: 'done', minutesSpent: 10, completedAt },
  });
  const logged = (activityId: string, kind: string, occurredAt: string): Event => ({
    type: 'InteractionLogged',
    data: {
      activityId,
      customerId,
      kind,
      summary: 'x',
      minutesSpent: 5,
      occurredAt,
      staffId: 's1',
      loggedAt: at,
    },
  });
  const queued = (emailId: string, extra: object = {}): Event => ({
    type: 'EmailQueued',
    data: {
      emailId,
      customerId,
      to: ['info@purje.ee'],
      subject: 'x',
      text: 'x',
      attachments: [],
      queuedAt: at,
      ...extra,
    },
  });
  const sent = (emailId: string, sentAt: string): Event => ({
    type: 'EmailSent',
    data: { emailId, customerId, attempt: 1, messageId: '<m@x>', response: '250', sentAt },
  });
  const lastContact = async (events: Event[], mailer: number[] = []) => {
    const stored = storedEvents(events).map((e, i) =>
      mailer.includes(i) ? { ...e, metadata: { ...e.metadata, actorId: MAILER } } : e,
    );
    const { once } = await projectAll(customer360Projection, stored, collections.customers);
    return once.map((d) => [d['lastContactAt'], d['lastActivityAt']]);
  };

  it('given only work about the customer (a tag, a task done, a note, a call planned), then no contact, though activity', async () => {
    expect(
      await lastContact([
        registered,
        { type: 'CustomerTagged', data: { customerId, tags: ['vip'], taggedAt: at } },
        scheduled('a1', 'task'),
        completed('a1', '2026-03-05T10:00:00.000Z'),
        logged('a2', 'note', '2026-03-04T10:00:00.000Z'),
        scheduled('a3', 'call'),
      ]),
    ).toEqual([[undefined, at]]);
  });

  it('given a task and a call planned, both cancelled, then only the call was awaited', async () => {
    const cancelled = (activityId: string): Event => ({
      type: 'ActivityCancelled',
      data: { activityId, customerId, cancelledAt: at },
    });
    const { once } = await projectAll(
      customer360Projection,
      storedEvents([
        registered,
        scheduled('a1', 'task'),
        cancelled('a1'),
        scheduled('a2', 'call'),
        cancelled('a2'),
      ]),
      collections.customerContacts,
    );
    expect(once.map((d) => [d._id, d['closedAt']])).toEqual([['activity:a2', at]]);
  });

  it('given calls, meetings and e-mails, then the latest of them; a cancelled one and the service’s own mail do not count', async () => {
    expect(
      await lastContact([
        registered,
        logged('a1', 'call', '2026-03-03T10:00:00.000Z'),
        scheduled('a2', 'meeting'),
        completed('a2', '2026-03-06T10:00:00.000Z'),
        // Logged later, but it happened earlier: the meeting stays the last contact.
        logged('a3', 'email', '2026-03-04T10:00:00.000Z'),
      ]),
    ).toEqual([['2026-03-06T10:00:00.000Z', at]]);
    expect(
      await lastContact(
        [
          registered,
          logged('a1', 'call', '2026-03-03T10:00:00.000Z'),
          scheduled('a2', 'meeting'),
          { type: 'ActivityCancelled', data: { activityId: 'a2', customerId, cancelledAt: at } },
          completed('a2', '2026-03-09T10:00:00.000Z'),
          queued('m1', { campaignId: 'k1' }),
          sent('m1', '2026-03-10T10:00:00.000Z'),
          queued('m2'),
          sent('m2', '2026-03-11T10:00:00.000Z'),
        ],
        [7, 8],
      ),
    ).toEqual([['2026-03-03T10:00:00.000Z', at]]);
  });

  it('given a message staff sent, then its delivery is a contact, as is a reply to a ticket', async () => {
    expect(
      await lastContact([registered, queued('m1'), sent('m1', '2026-03-07T10:00:00.000Z')]),
    ).toEqual([['2026-03-07T10:00:00.000Z', at]]);
    expect(
      await lastContact([
        registered,
        queued('m1'),
        {
          type: 'TicketResponded',
          data: {
            ticketId: 't1',
            customerId,
            message: 'x',
            channel: 'email',
            first: true,
            staffId: 's1',
            respondedAt: '2026-03-08T10:00:00.000Z',
          },
        },
      ]),
    ).toEqual([['2026-03-08T10:00:00.000Z', at]]);
  });
});
