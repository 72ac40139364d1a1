import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { openDurable } from '../sqlite/durable-database';
import { type DataKey, KEY_BYTES, keyIdOf, type KeyStore } from './key-store.port';

type Row = { key_id: string; key: Buffer | null };

/**
 * Keys in their own SQLite file. A destroyed key keeps its row without the key (the
 * generation is not reused); secure_delete overwrites the freed bytes and the write-ahead log
 * is checkpointed, so no copy of the key stays in either file.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly live;
  private readonly maxGeneration;
  private readonly insert;
  private readonly destroyLive;

  constructor(file: string) {
    this.db = openDurable(file);
    this.db.pragma('secure_delete = ON');
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
    this.maxGeneration = this.db.prepare<[string], { g: number | null }>(
      'SELECT MAX(generation) AS g FROM data_keys WHERE subject = ?',
    );
    this.insert = this.db.prepare(
      'INSERT INTO data_keys (key_id, subject, generation, key, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.destroyLive = this.db.prepare<[string, string]>(
      'UPDATE data_keys SET key = NULL, destroyed_at = ? WHERE subject = ? AND key IS NOT NULL',
    );
  }

  currentKey(subject: string): Promise<DataKey> {
    const create = this.db.transaction((): DataKey => {
      const found = this.live.get(subject);
      if (found?.key) return { keyId: found.key_id, key: found.key };
      const generation = (this.maxGeneration.get(subject)?.g ?? 0) + 1;
      const key = randomBytes(KEY_BYTES);
      const keyId = keyIdOf(subject, generation);
      this.insert.run(keyId, subject, generation, key, new Date().toISOString());
      return { keyId, key };
    });
    return Promise.resolve(create.immediate());
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

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
