import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { keyStoreContract } from './key-store.features';
import { SqliteKeyStore } from './sqlite-key-store';

const dir = mkdtempSync(join(tmpdir(), 'kroonika-keys-'));
const file = join(dir, 'keys.db');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

keyStoreContract('sqlite', () => Promise.resolve(new SqliteKeyStore(file)));

describe('sqlite key store', () => {
  it('keeps no copy of a destroyed key in the file', async () => {
    const own = join(dir, 'shred.db');
    const keys = new SqliteKeyStore(own);
    const { key } = await keys.currentKey('customer:shred');
    await keys.destroy('customer:shred');
    await keys.close();
    const db = new Database(own, { readonly: true });
    const rows = db.prepare('SELECT key FROM data_keys').all() as { key: Buffer | null }[];
    db.close();
    expect(rows).toEqual([{ key: null }]);
    const { readFileSync, existsSync } = await import('node:fs');
    const bytes = [own, `${own}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(bytes.some((b) => b.includes(key))).toBe(false);
  });
});
