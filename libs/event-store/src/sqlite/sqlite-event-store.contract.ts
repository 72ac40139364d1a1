import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../event-store.features';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('sqlite', () =>
  Promise.resolve(
    new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'kroonika-es-')), 'events.db')),
  ),
);

describe('sqlite event store durability', () => {
  it('keeps every acknowledged append across a reopen, positions stable', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kroonika-es-')), 'events.db');
    const first = new SqliteEventStore(file);
    const meta = {
      schemaVersion: 1,
      occurredAt: 'x',
      actorId: 'a',
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
    };
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
