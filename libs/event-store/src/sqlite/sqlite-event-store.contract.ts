import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../event-store.features';
import { ChainVerifier } from '../hash-chain';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('sqlite', () =>
  Promise.resolve(
    new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'kroonika-es-')), 'events.db')),
  ),
);

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
    const file = join(mkdtempSync(join(tmpdir(), 'kroonika-es-')), 'events.db');
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

describe('sqlite event store subscriptions', () => {
  it('wake at an append by another process, without waiting for the poll', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kroonika-es-')), 'events.db');
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
    const file = join(mkdtempSync(join(tmpdir(), 'kroonika-es-')), 'events.db');
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
