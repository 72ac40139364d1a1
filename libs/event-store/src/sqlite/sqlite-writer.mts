/**
 * The embedded event log's writer thread. The main thread prepares every append (revision
 * checks, hash chain, JSON) and sends the appends that arrived together as one batch; this
 * thread writes them in one transaction, whose commit (with its fsync: synchronous=FULL) is
 * on disk before it answers, and meanwhile the main thread goes on serving requests.
 *
 * Each append is written only if its stream still ends where the main thread saw it end: an
 * append by another process in between makes it `stale`, and the main thread prepares it
 * again. It imports nothing of the project but the thread's loop (thread-serve.mts), so that Node
 * runs it as it is (types stripped) where the sources run without a build, and as compiled
 * JavaScript from dist.
 */
import type Database from 'better-sqlite3';
import { serveWrites, type WriterFailure } from './thread-serve.mts';

/** One event as stored: stream, revision, id, type, data and metadata as JSON. */
export type WriterRow = [string, number, string, string, string, string];

/** An append: its rows, and the revision its stream ended at when it was prepared (-1: none). */
export type WriterAppend = { streamId: string; base: number; rows: WriterRow[] };

export type WriterRequest = { appends: WriterAppend[] };

/** Per append, the position of its last event, or null when it is stale. */
export type WriterReply = { positions: (number | null)[] } | WriterFailure;

export type WriterData = { file: string; pragmas: string[] };

const isConstraint = (error: unknown) =>
  typeof (error as { code?: unknown }).code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT');

const prepare = (db: Database.Database) => {
  const last = db
    .prepare<[string], number>(
      'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    )
    .pluck();
  const insert = db.prepare<WriterRow>(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const writeOne = db.transaction((append: WriterAppend): number => {
    let position = 0;
    for (const row of append.rows) position = Number(insert.run(...row).lastInsertRowid);
    return position;
  });
  const writeAll = db.transaction((appends: WriterAppend[]) =>
    appends.map((append) => {
      if ((last.get(append.streamId) ?? -1) !== append.base) return null;
      try {
        return writeOne(append);
      } catch (error) {
        // Another process wrote the same event in between: prepared again, it is found.
        if (isConstraint(error)) return null;
        throw error;
      }
    }),
  );
  return ({ appends }: WriterRequest): WriterReply => ({ positions: writeAll.immediate(appends) });
};

serveWrites(prepare);
