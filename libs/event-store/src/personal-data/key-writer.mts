/**
 * The embedded key store's writer thread. The subjects that need their first key (a new
 * customer, a new lead) arrive together from the main thread; this thread creates the keys of
 * all of them in one transaction, whose commit (with its fsync: synchronous=FULL) is on disk
 * before it answers, so that no event is sealed with a key that could still be lost. A
 * subject that has a live key meanwhile (created by another process) gets that one.
 *
 * It imports nothing of the project but the thread's loop (thread-serve.mts), so that Node
 * runs it as it is (types stripped) where the sources run without a build, and as compiled
 * JavaScript from dist.
 */
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { serveWrites, type WriterFailure } from '../sqlite/thread-serve.mts';

export type KeyWriterData = { file: string; pragmas: string[]; keyBytes: number };

export type KeyWriterRequest = { subjects: string[] };

/** Per subject asked, its live key (a copy of its bytes: a thread's buffers do not cross). */
export type KeyWriterReply = { keys: { keyId: string; key: Uint8Array }[] } | WriterFailure;

type Row = { key_id: string; key: Buffer | null };

const prepare = (db: Database.Database, { keyBytes }: KeyWriterData) => {
  const live = db.prepare<[string], Row>(
    'SELECT key_id, key FROM data_keys WHERE subject = ? AND key IS NOT NULL',
  );
  const lastGeneration = db
    .prepare<[string], number | null>('SELECT MAX(generation) FROM data_keys WHERE subject = ?')
    .pluck();
  const insert = db.prepare<[string, string, number, Buffer, string]>(
    'INSERT INTO data_keys (key_id, subject, generation, key, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const createAll = db.transaction((subjects: string[]) =>
    subjects.map((subject) => {
      const found = live.get(subject);
      if (found?.key) return { keyId: found.key_id, key: found.key };
      const generation = (lastGeneration.get(subject) ?? 0) + 1;
      const keyId = `${subject}/${generation}`;
      const key = randomBytes(keyBytes);
      insert.run(keyId, subject, generation, key, new Date().toISOString());
      return { keyId, key };
    }),
  );
  return ({ subjects }: KeyWriterRequest): KeyWriterReply => ({
    keys: createAll.immediate(subjects),
  });
};

serveWrites(prepare);
