import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type SqliteReadStore } from '#read-store';

type ReadStoreModule = { SqliteReadStore: typeof SqliteReadStore };

const built = resolve(__dirname, '../dist/libs/read-store/src/index.js');

/** One process applying `rounds` read-modify-write batches to the shared file; its failures. */
const writer = (file: string, rounds: number): Promise<number> =>
  new Promise((done, fail) => {
    const script = `
      const { SqliteReadStore } = require(${JSON.stringify(built)});
      const store = new SqliteReadStore(${JSON.stringify(file)});
      (async () => {
        let failures = 0;
        for (let i = 0; i < ${rounds}; i++) {
          try {
            await store.apply(
              [{ kind: 'upsert', collection: 'counters', id: process.pid + '-' + (i % 5), position: Date.now() * 1000 + i, update: { $inc: { n: 1 } } }],
              [{ name: 'writer-' + process.pid, position: i + 1 }],
            );
          } catch { failures++; }
        }
        await store.close();
        process.stdout.write(String(failures));
      })();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('exit', () => {
      done(Number(out));
    });
  });

describe('the SQLite read store with several writing processes (projector and workers)', () => {
  it('applies every batch of every process: a write waits for the other, never fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kroonika-writers-'));
    const file = join(dir, 'read.db');
    const failures = await Promise.all([writer(file, 300), writer(file, 300), writer(file, 300)]);
    expect(failures).toEqual([0, 0, 0]);
    const { SqliteReadStore } = (await import(built)) as ReadStoreModule;
    const store = new SqliteReadStore(file);
    const counters = await store.find<{ _id: string; n: number }>('counters', {}, { limit: 100 });
    expect(counters.items.reduce((sum, c) => sum + c.n, 0)).toBe(900);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
