import { MemoryEventStore, type NewEvent } from '#event-store';
import { StaffDirectory } from './staff-directory';

const meta = (eventId: string) => ({
  eventId,
  schemaVersion: 1,
  occurredAt: '2026-12-01T10:00:00.000Z',
  actorId: 'admin',
  commandId: eventId,
  correlationId: eventId,
  causationId: eventId,
});

const registered: NewEvent = {
  eventId: 'e1',
  type: 'StaffMemberRegistered',
  data: {
    staffId: 's1',
    name: 'Anna',
    email: 'anna@example.com',
    roles: ['sales'],
    registeredAt: '2026-12-01T10:00:00.000Z',
  },
  metadata: meta('e1'),
};

const deactivated: NewEvent = {
  eventId: 'e2',
  type: 'StaffMemberDeactivated',
  data: { staffId: 's1', successorId: null, deactivatedAt: '2026-12-01T11:00:00.000Z' },
  metadata: meta('e2'),
};

/** A store that counts the stream reads the directory makes. */
const counted = () => {
  const store = new MemoryEventStore();
  const reads: string[] = [];
  const readStream = store.readStream.bind(store);
  store.readStream = (streamId, from, options) => {
    reads.push(streamId);
    return readStream(streamId, from, options);
  };
  return { store, reads };
};

describe('staff directory', () => {
  it('given lookups of one member in one turn, when answered, then they share one read of the stream', async () => {
    // Given
    const { store, reads } = counted();
    await store.append('staff-s1', [registered], 'no_stream');
    const directory = new StaffDirectory(store);
    // When
    const states = await Promise.all([1, 2, 3, 4].map(() => directory.lookup('s1')));
    // Then
    expect(states.map((s) => s.status)).toEqual(['active', 'active', 'active', 'active']);
    expect(reads).toEqual(['staff-s1']);
  });

  it('given a deactivation stored after an earlier lookup, when looked up again, then the member is deactivated', async () => {
    // Given
    const { store } = counted();
    await store.append('staff-s1', [registered], 'no_stream');
    const directory = new StaffDirectory(store);
    expect((await directory.lookup('s1')).status).toBe('active');
    // When
    await store.append('staff-s1', [deactivated], 0);
    // Then
    expect((await directory.lookup('s1')).status).toBe('deactivated');
  });

  it('given a failed read, when looked up, then every waiting lookup fails and the next one reads again', async () => {
    // Given
    const { store } = counted();
    await store.append('staff-s1', [registered], 'no_stream');
    const directory = new StaffDirectory(store);
    const readStream = store.readStream.bind(store);
    store.readStream = () => Promise.reject(new Error('disk gone'));
    // When
    const failed = await Promise.allSettled([directory.lookup('s1'), directory.lookup('s1')]);
    // Then
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    store.readStream = readStream;
    expect((await directory.lookup('s1')).status).toBe('active');
  });
});
