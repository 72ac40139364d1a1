import { type StoredEvent } from '#event-store';
import { type Event } from '#events';
import { type Doc, SqliteReadStore, type WriteOp } from '#read-store';
import { projectBatch, type Projection } from './projection';

/** Events as the store would hand them to a projection, in order, with positions 1, 2, … */
export const storedEvents = (events: Event[], actorId = 'staff-1'): StoredEvent[] =>
  events.map((e, i) => ({
    eventId: `e${i + 1}`,
    streamId: 'test',
    revision: i,
    position: i + 1,
    type: e.type,
    data: e.data,
    metadata: {
      eventId: `e${i + 1}`,
      schemaVersion: 1,
      occurredAt: '2026-03-01T09:00:00.000Z',
      actorId,
      commandId: `c${i + 1}`,
      correlationId: `c${i + 1}`,
      causationId: `c${i + 1}`,
      ...(typeof (e.data as { customerId?: unknown }).customerId === 'string'
        ? { customerId: (e.data as { customerId: string }).customerId }
        : {}),
    },
  }));

/**
 * The port's rule: an event upserts a document at most once (a store ignores an upsert at or
 * below the position its document has, so a second one of the same event would be lost).
 */
export const onePerDocument = (ops: WriteOp[], event: StoredEvent) => {
  const seen = new Set<string>();
  for (const op of ops) {
    if (op.kind !== 'upsert') continue;
    const key = `${op.collection}/${op.id}`;
    if (seen.has(key)) throw new Error(`${event.type} upserts ${key} twice`);
    seen.add(key);
  }
};

/**
 * given events, the documents a projection writes: applied one batch per event, then all of
 * them again, which must change nothing (the position guard makes replays harmless); and,
 * in a fresh store, all of them as one batch, which must write the same documents. Both are
 * checked here, for every projection spec; `twice` and `batched` are returned for a closer look.
 */
export const projectAll = async (
  projection: Projection,
  events: StoredEvent[],
  collection: string,
): Promise<{ once: Doc[]; twice: Doc[]; batched: Doc[] }> => {
  const store = new SqliteReadStore(':memory:');
  const fresh = new SqliteReadStore(':memory:');
  const docs = async (from: SqliteReadStore) =>
    (await from.find(collection, {}, { sort: [['_id', 1]], limit: 200 })).items;
  try {
    const apply = async () => {
      for (const e of events) {
        const ops = await projectBatch(projection, [e], store);
        onePerDocument(ops, e);
        await store.apply(ops, [{ name: projection.name, position: e.position }]);
      }
      return docs(store);
    };
    const once = await apply();
    const twice = await apply();
    await fresh.apply(await projectBatch(projection, events, fresh), []);
    const batched = await docs(fresh);
    expect(twice).toEqual(once);
    expect(batched).toEqual(once);
    return { once, twice, batched };
  } finally {
    await store.close();
    await fresh.close();
  }
};

/**
 * Just after midnight in Tallinn (UTC+2), still the day before in UTC: a meeting from 00:30 on
 * 5 December, and a call logged at 01:00 that day — for the projections that file by day.
 */
export const afterMidnightInTallinn = {
  meeting: {
    type: 'ActivityScheduled',
    data: {
      activityId: 'n1',
      customerId: 'c1',
      kind: 'meeting',
      title: 'Night launch',
      timing: { startsAt: '2026-12-04T22:30:00.000Z', endsAt: '2026-12-04T23:30:00.000Z' },
      assigneeId: 's1',
      scheduledAt: '2026-12-01T09:00:00.000Z',
    },
  },
  call: {
    type: 'InteractionLogged',
    data: {
      activityId: 'n2',
      customerId: 'c1',
      kind: 'call',
      summary: 'Late call',
      minutesSpent: 15,
      occurredAt: '2026-12-04T23:00:00.000Z',
      staffId: 's1',
      loggedAt: '2026-12-04T23:20:00.000Z',
    },
  },
} satisfies Record<string, Event>;
