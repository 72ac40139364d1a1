/**
 * The read store's checkpointer thread. It copies the pages the writer committed to the WAL
 * into the database file (a PASSIVE checkpoint: it never waits for, nor holds up, a reader or
 * the writer) every `everyMs`, on its own connection. The writer's own automatic checkpoint
 * would do that copying, with its fsyncs, inside one of its commits every few thousand pages:
 * tens of milliseconds in which nothing is projected. This file imports nothing of the
 * project, so that Node runs it as it is (types stripped) where the sources run without a
 * build, and as compiled JavaScript from dist.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export type CheckpointerData = { file: string; everyMs: number };

/** `close`: finish the checkpoint under way, close the connection and end the thread. */
export type CheckpointerRequest = 'close';

const serve = (port: NonNullable<typeof parentPort>, { file, everyMs }: CheckpointerData) => {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or interrupted: the next round, or the writer's own checkpoint, copies the pages.
    }
  }, everyMs);
  port.once('message', () => {
    clearInterval(timer);
    db.close();
    port.close();
  });
};

if (parentPort) serve(parentPort, workerData as CheckpointerData);
