/**
 * The loop of a SQLite file's writer thread (see writer-thread.ts): it opens its own
 * connection, answers each request with what `handle` returns or with the failure that
 * stopped it, and closes the connection when the main thread lets go. Imported by the thread
 * files only, so it imports nothing of the project either.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export type WriterFailure = { failure: { message: string; code?: string } };

/**
 * Serves the thread's requests with the handler `prepare` makes of the connection and the
 * thread's data (at least the file and its pragmas).
 */
export const serveWrites = (
  prepare: (db: Database.Database, data: never) => (request: never) => unknown,
): void => {
  const port = parentPort;
  if (!port) return;
  const data = workerData as { file: string; pragmas: string[] };
  const db = new Database(data.file);
  for (const pragma of data.pragmas) db.pragma(pragma);
  const handle = prepare(db, data as never);
  port.on('message', (request: unknown) => {
    let reply: unknown;
    try {
      reply = handle(request as never);
    } catch (error) {
      const { message, code } = error as { message?: unknown; code?: unknown };
      reply = {
        failure: {
          message: typeof message === 'string' ? message : String(error),
          ...(typeof code === 'string' ? { code } : {}),
        },
      };
    }
    port.postMessage(reply);
  });
  port.once('close', () => {
    db.close();
  });
};
