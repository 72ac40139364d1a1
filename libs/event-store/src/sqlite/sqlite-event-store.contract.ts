import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../event-store.features';
import { ChainVerifier } from '../hash-chain';
import { SqliteEventStore } from './sqlite-event-store';

/** A new store file in a directory of its own, removed when the file's tests are done. */
const dirs: string[] = [];
const freshFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kroonika-es-'));
  dirs.push(dir);
  return join(dir, 'events.db');
};
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

eventStoreContract('sqlite', () => Promise.resolve(new SqliteEventStore(freshFile())));

const meta = {
  schemaVersion: 1,
  occurredAt: 'x',
  actorId: 'a',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};

describe('sqlite event store durability', () => {
  it('keeps every acknowledged append across a reopen, positions stable', async () => {
    const file = freshFile();
    const first = new SqliteEventStore(file);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        first.append(
          `lead-${i}`,
          [
            {
              eventId: `e${i}`,
              type: 'LeadQualified',
              data: { i },
              metadata: { ...meta, eventId: `e${i}` },
            },
          ],
          'no_stream',
        ),
      ),
    );
    await first.close();
    const second = new SqliteEventStore(file);
    const all = await second.readAll(0, { limit: 100 });
    expect(all).toHaveLength(50);
    expect(all.map((e) => e.position).sort((a, b) => a - b)).toEqual(
      results.map((r) => r.position).sort((a, b) => a - b),
    );
    await second.close();
  });
});

describe('sqlite event store: two writers on one file (two processes)', () => {
  const open: SqliteEventStore[] = [];
  /** Two stores on one new file, each with its own writer thread: two processes' view. */
  const twoStores = () => {
    const file = freshFile();
    const [a, b] = [new SqliteEventStore(file), new SqliteEventStore(file)];
    open.push(a, b);
    return { a, b };
  };
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  const event = (id: string) => ({
    eventId: id,
    type: 'LeadQualified',
    data: { id },
    metadata: { ...meta, eventId: id },
  });

  it('writes every append of both, each stream whole and chained, when both append to the same streams at once', async () => {
    // Given two stores on one file, each with its own writer thread
    const { a, b } = twoStores();
    // When both append to the same three streams, 'any' revision, at once
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        (i % 2 === 0 ? a : b).append(`lead-${i % 3}`, [event(`e${i}`), event(`f${i}`)], 'any'),
      ),
    );
    // Then every append is stored once, revisions without gaps, the chains whole
    const all = await a.readAll(0, { limit: 1000 });
    expect(all).toHaveLength(240);
    expect(new Set(results.map((r) => r.position)).size).toBe(120);
    for (const stream of ['lead-0', 'lead-1', 'lead-2'])
      expect((await b.readStream(stream)).map((e) => e.revision)).toEqual(
        Array.from({ length: 80 }, (_, r) => r),
      );
    const verifier = new ChainVerifier();
    for (const stored of all) verifier.add(stored);
    expect(verifier.firstBroken).toBeUndefined();
  });

  it('lets exactly one of two writers win at one revision, the other told which revision is there', async () => {
    // Given a stream at revision 0 and two stores on its file
    const { a, b } = twoStores();
    await a.append('lead-1', [event('e0')], 'no_stream');
    // When both append at revision 0
    const outcomes = await Promise.allSettled([
      a.append('lead-1', [event('e1')], 0),
      b.append('lead-1', [event('e2')], 0),
    ]);
    // Then one is written at revision 1 and the other refused, seeing revision 1
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({ name: 'WrongExpectedRevisionError', actual: 1 });
    expect(await a.readStream('lead-1')).toHaveLength(2);
  });

  it("appends at the revision a reader saw after the other writer's append to a stream it wrote before", async () => {
    // Given a stream written by one store, then moved on by the other
    const { a, b } = twoStores();
    await a.append('deal-1', [event('e1')], 'no_stream');
    await b.append('deal-1', [event('e2')], 0);
    // When the first store appends at the revision it now reads
    const read = await a.readStream('deal-1');
    const result = await a.append('deal-1', [event('e3')], read[read.length - 1]!.revision);
    // Then it is written after the other's event, the chain whole
    expect(result.nextExpectedRevision).toBe(2);
    const verifier = new ChainVerifier();
    for (const stored of await a.readAll(0, { limit: 10 })) verifier.add(stored);
    expect(verifier.firstBroken).toBeUndefined();
  });

  it('answers a retried append written by the other writer with the first result', async () => {
    // Given an append written by one store
    const { a, b } = twoStores();
    const first = await a.append('lead-1', [event('e1')], 'no_stream');
    // When the other sends the same events again, twice at once
    const again = await Promise.all([
      b.append('lead-1', [event('e1')], 'no_stream'),
      b.append('lead-1', [event('e1')], 'no_stream'),
    ]);
    // Then both are answered with the first result and nothing more is stored
    expect(again).toEqual([first, first]);
    expect(await b.readAll(0, { limit: 10 })).toHaveLength(1);
  });
});

describe('sqlite event store subscriptions', () => {
  it('wake at an append by another process, without waiting for the poll', async () => {
    const file = freshFile();
    const writer = new SqliteEventStore(file);
    // A poll this slow would outlast the test: only the WAL's change can deliver the event.
    const reader = new SqliteEventStore(file, { idleMs: 600_000 });
    const subscription = reader.subscribe(0);
    const next = subscription[Symbol.asyncIterator]().next();
    await new Promise((r) => setTimeout(r, 100));
    await writer.append(
      'lead-1',
      [{ eventId: 'e1', type: 'LeadQualified', data: {}, metadata: { ...meta, eventId: 'e1' } }],
      'no_stream',
    );
    expect((await next).value).toMatchObject({ streamId: 'lead-1', eventId: 'e1' });
    await subscription.close();
    await reader.close();
    await writer.close();
  });
});

describe('sqlite event store tamper evidence', () => {
  it('finds an event changed in the database file at the link after it', async () => {
    const file = freshFile();
    const store = new SqliteEventStore(file);
    const meta = (eventId: string) => ({
      eventId,
      schemaVersion: 1,
      occurredAt: '2026-03-01T09:00:00.000Z',
      actorId: 'a',
      commandId: eventId,
      correlationId: eventId,
      causationId: eventId,
    });
    for (let i = 0; i < 4; i++)
      await store.append(
        'invoice-1',
        [
          {
            eventId: `e${i}`,
            type: 'PaymentRecorded',
            data: { amount: 100 * i },
            metadata: meta(`e${i}`),
          },
        ],
        i === 0 ? 'no_stream' : i - 1,
      );
    const verify = async () => {
      const verifier = new ChainVerifier();
      for (const e of await store.readStream('invoice-1', 0, { raw: true })) verifier.add(e);
      return verifier;
    };
    expect((await verify()).ok).toBe(true);

    const db = new Database(file);
    db.prepare(`UPDATE events SET data = '{"amount":1}' WHERE event_id = 'e1'`).run();
    db.close();

    const broken = await verify();
    expect(broken.firstBroken).toMatchObject({ streamId: 'invoice-1', revision: 2, eventId: 'e2' });
    await store.close();
  });
});
