import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoreContract } from '../read-store.features';
import { SqliteReadStore } from './sqlite-read-store';

const dir = mkdtempSync(join(tmpdir(), 'kroonika-rs-'));
readStoreContract('sqlite', () => Promise.resolve(new SqliteReadStore(join(dir, 'read.db'))));

describe('sqlite read store: prepared statements', () => {
  it('answers queries of more shapes than it keeps prepared, and the first ones again', async () => {
    const store = new SqliteReadStore(join(dir, 'statements.db'));
    const ids = Array.from({ length: 700 }, (_, i) => `d${String(i).padStart(3, '0')}`);
    await store.apply(
      ids.map((id, i) => ({
        kind: 'upsert' as const,
        collection: 'docs',
        id,
        position: i + 1,
        update: { $set: { n: i } },
      })),
      [],
    );
    // Each `$in` list of another length is another SQL text: 700 shapes, past the 500 kept.
    for (let length = 1; length <= 700; length++) {
      const page = await store.find('docs', { _id: { $in: ids.slice(0, length) } }, { limit: 1 });
      expect(page.items.map((d) => d._id)).toEqual(['d000']);
    }
    expect(await store.count('docs', { _id: { $in: ids.slice(0, 3) } })).toBe(3);
    const again = await store.find('docs', { _id: { $in: ids.slice(0, 2) } }, { limit: 5 });
    expect(again.items.map((d) => d.n)).toEqual([0, 1]);
    await store.close();
  });
});
