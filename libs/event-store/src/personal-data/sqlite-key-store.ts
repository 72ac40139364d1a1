import type Database from 'better-sqlite3';
import { durablePragmas, openDurable } from '../sqlite/durable-database';
import { WriterThread } from '../sqlite/writer-thread';
import type { KeyWriterData, KeyWriterReply, KeyWriterRequest } from './key-writer.mjs';
import { type DataKey, KEY_BYTES, type KeyStore } from './key-store.port';

type Row = { key_id: string; key: Buffer | null };

type Waiting = { subject: string; resolve: (key: DataKey) => void; reject: (error: Error) => void };

/**
 * Keys in their own SQLite file. A destroyed key keeps its row without the key (the
 * generation is not reused); secure_delete overwrites the freed bytes and the write-ahead log
 * is checkpointed, so no copy of the key stays in either file.
 *
 * New keys are written by a writer thread (key-writer.mts), one batch at a time: the subjects
 * that need a key while a batch is being written go together into the next transaction, so
 * new customers and leads arriving together share one fsync, and the main thread keeps
 * serving while the disk syncs. A key is handed out only once its commit is on disk.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly live;
  private readonly destroyLive;
  private readonly writer: WriterThread<KeyWriterRequest, KeyWriterReply>;
  /** Per subject whose key is being created, the one answer every caller gets. */
  private readonly creating = new Map<string, Promise<DataKey>>();
  private queue: Waiting[] = [];
  private flushScheduled = false;
  private drained: (() => void)[] = [];

  constructor(file: string) {
    if (file === ':memory:')
      throw new Error('The sqlite key store needs a file (its writer thread opens it too)');
    this.db = openDurable(file);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS data_keys (
        key_id TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        generation INTEGER NOT NULL,
        key BLOB,
        created_at TEXT NOT NULL,
        destroyed_at TEXT,
        UNIQUE (subject, generation)
      );
      CREATE INDEX IF NOT EXISTS data_keys_live ON data_keys (subject) WHERE key IS NOT NULL;
    `);
    this.live = this.db.prepare<[string], Row>(
      'SELECT key_id, key FROM data_keys WHERE subject = ? AND key IS NOT NULL',
    );
    this.destroyLive = this.db.prepare<[string, string]>(
      'UPDATE data_keys SET key = NULL, destroyed_at = ? WHERE subject = ? AND key IS NOT NULL',
    );
    this.writer = new WriterThread<KeyWriterRequest, KeyWriterReply>(
      "the key store's writer",
      WriterThread.fileOf(__dirname, __filename, 'key-writer'),
      { file, pragmas: durablePragmas, keyBytes: KEY_BYTES } satisfies KeyWriterData,
    );
  }

  currentKey(subject: string): Promise<DataKey> {
    const found = this.live.get(subject);
    if (found?.key) return Promise.resolve({ keyId: found.key_id, key: found.key });
    const asked = this.creating.get(subject);
    if (asked) return asked;
    const created = new Promise<DataKey>((resolve, reject) => {
      this.queue.push({ subject, resolve, reject });
    });
    this.creating.set(subject, created);
    this.scheduleFlush();
    return created;
  }

  private scheduleFlush() {
    if (this.flushScheduled || this.writer.busy || this.queue.length === 0) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Sends the subjects waiting for a key to the writer as one batch (one at a time). */
  private flush() {
    if (this.writer.busy || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const settle = (reply: KeyWriterReply) => {
      batch.forEach(({ subject, resolve, reject }, i) => {
        this.creating.delete(subject);
        const made = 'keys' in reply ? reply.keys[i] : undefined;
        if (made) resolve({ keyId: made.keyId, key: Buffer.from(made.key) });
        else
          reject(
            new Error(
              `No key could be created for ${subject}: ${'failure' in reply ? reply.failure.message : 'no answer'}`,
            ),
          );
      });
      if (this.queue.length > 0) this.scheduleFlush();
      else for (const done of this.drained.splice(0)) done();
    };
    void this.writer.send({ subjects: batch.map((w) => w.subject) }).then(settle);
  }

  keys(keyIds: string[]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    const unique = [...new Set(keyIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const part = unique.slice(i, i + 500);
      const rows = this.db
        .prepare<string[], Row>(
          `SELECT key_id, key FROM data_keys WHERE key IS NOT NULL AND key_id IN (${part
            .map(() => '?')
            .join(',')})`,
        )
        .all(...part);
      for (const row of rows) if (row.key) out.set(row.key_id, row.key);
    }
    return Promise.resolve(out);
  }

  destroy(subject: string): Promise<string[]> {
    const run = this.db.transaction(() => {
      const ids = this.live.all(subject).map((r) => r.key_id);
      this.destroyLive.run(new Date().toISOString(), subject);
      return ids;
    });
    const ids = run.immediate();
    // Old versions of the page live on in the write-ahead log until it is checkpointed.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve(ids);
  }

  /** Closes once every key it was asked for is written (or refused). */
  async close(): Promise<void> {
    if (this.writer.busy || this.queue.length > 0 || this.flushScheduled)
      await new Promise<void>((resolve) => this.drained.push(resolve));
    await this.writer.close();
    if (this.db.open) this.db.close();
  }
}
