import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoreContract } from '../read-store.features';
import { SqliteReadStore } from './sqlite-read-store';

const dir = mkdtempSync(join(tmpdir(), 'kroonika-rs-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
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

describe('sqlite read store: checkpointing beside the writer', () => {
  const bytes = (file: string) => (existsSync(file) ? statSync(file).size : 0);

  it('copies committed writes from the WAL into the database file without a commit of its own', async () => {
    const file = join(dir, 'checkpointed.db');
    const store = new SqliteReadStore(file);
    const text = 'x'.repeat(4096);
    // About 2 MB: far below the ~40 MB at which the writing connection checkpoints itself.
    await store.apply(
      Array.from({ length: 500 }, (_, i) => ({
        kind: 'upsert' as const,
        collection: 'docs',
        id: `d${i}`,
        position: i + 1,
        update: { $set: { text } },
      })),
      [],
    );
    expect(bytes(file)).toBeLessThan(500 * 4096);
    // No further write: only the checkpointer thread can move the pages into the file.
    for (let waited = 0; bytes(file) < 500 * 4096 && waited < 20_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    expect(bytes(file)).toBeGreaterThanOrEqual(500 * 4096);
    expect((await store.get<{ _id: string; text: string }>('docs', 'd499'))?.text).toBe(text);
    await store.close();
  });

  /** Open descriptors of this process on `file` itself (a connection holds one each). */
  const opened = (file: string) =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false;
      }
    }).length;
  const settle = async (file: string, count: number) => {
    for (let waited = 0; opened(file) !== count && waited < 20_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    return opened(file);
  };

  it('starts one checkpointer for a store that writes, none for one only read, and ends it on close', async () => {
    const file = join(dir, 'closed.db');
    const writer = new SqliteReadStore(file);
    await writer.apply(
      [{ kind: 'upsert', collection: 'docs', id: 'a', position: 1, update: { $set: { n: 1 } } }],
      [],
    );
    // The writer's connection and its checkpointer's.
    expect(await settle(file, 2)).toBe(2);
    const reader = new SqliteReadStore(file);
    expect((await reader.get<{ _id: string; n: number }>('docs', 'a'))?.n).toBe(1);
    expect(opened(file)).toBe(3);
    // SQLite keeps a closed connection's descriptor while another one of the process is open.
    await reader.close();
    await writer.close();
    expect(opened(file)).toBe(0);
  });
});
