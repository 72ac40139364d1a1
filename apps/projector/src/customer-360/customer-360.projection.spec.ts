import { MemoryEventStore, type NewEvent } from '#event-store';
import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll } from '../projection-testing';
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

    const { once, twice, batched } = await projectAll(
      customer360Projection,
      events,
      collections.customers,
    );

    expect(once.map((doc) => doc.tagSet)).toEqual([{ b2b: true }]);
    expect(twice).toEqual(once);
    expect(batched).toEqual(once);
  });
});
