import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { type FSWatcher, watch } from 'node:fs';
import {
  type AppendResult,
  checkExpected,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  PartialDuplicateAppendError,
  type Position,
  type ReadOptions,
  type StoredEvent,
} from '../event-store.port';
import { chain } from '../hash-chain';
import { openDurable } from './durable-database';
import { onAppend, pollingSubscription } from '../polling-subscription';
import { upcastStored } from '../upcast-stored';

type Row = {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
};

type Pending = {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
};

const asStored = (row: Row): StoredEvent => ({
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  eventId: row.event_id,
  type: row.type,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as StoredEvent['metadata'],
});

const toStored = (row: Row): StoredEvent => upcastStored(asStored(row));

const reader = (options: ReadOptions | undefined) =>
  options?.raw || options?.asWritten ? asStored : toStored;

/**
 * Embedded event store. WAL with synchronous=FULL: a commit is on disk before an append
 * resolves. Appends that arrive while a commit is in flight are grouped into the next
 * transaction, so concurrent commands share one fsync (group commit).
 */
export class SqliteEventStore implements EventStore {
  readonly densePositions = true;
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private queue: Pending[] = [];
  private flushScheduled = false;
  private readonly statements;
  private walWatcher: FSWatcher | undefined;

  /** `idleMs`: how long an idle subscription sleeps when nothing wakes it (10 ms). */
  constructor(
    private readonly file: string,
    private readonly options: { idleMs?: number } = {},
  ) {
    this.db = openDurable(file);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        UNIQUE (stream_id, revision),
        UNIQUE (stream_id, event_id)
      );
    `);
    this.statements = {
      last: this.db.prepare<[string], Row>(
        'SELECT * FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      byEventId: this.db.prepare<[string, string], { revision: number; position: number }>(
        'SELECT revision, position FROM events WHERE stream_id = ? AND event_id = ?',
      ),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      readStream: this.db.prepare<[string, number], Row>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
      ),
      readAll: this.db.prepare<[number, number], Row>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      head: this.db.prepare<[], { head: number | null }>(
        'SELECT MAX(position) AS head FROM events',
      ),
    };
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flush();
        });
      }
    });
  }

  private flush() {
    const batch = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    const outcomes: ({ ok: AppendResult } | { error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const pending of batch) {
            try {
              outcomes.push({ ok: this.db.transaction(() => this.appendNow(pending))() });
            } catch (error) {
              outcomes.push({ error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if ('ok' in outcome) pending.resolve(outcome.ok);
      else pending.reject(outcome.error);
    });
    this.appended.emit('append');
  }

  private appendNow({ streamId, events, expected }: Pending): AppendResult {
    const found = events
      .map((e) => this.statements.byEventId.get(streamId, e.eventId))
      .filter((row) => row !== undefined);
    if (found.length > 0) {
      if (found.length !== events.length) throw new PartialDuplicateAppendError(streamId);
      const last = found[found.length - 1]!;
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    const lastRow = this.statements.last.get(streamId);
    const current = lastRow?.revision ?? -1;
    checkExpected(streamId, expected, current);
    let revision = current;
    let position = 0;
    for (const event of chain(streamId, lastRow && asStored(lastRow), events)) {
      revision += 1;
      const info = this.statements.insert.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
      position = Number(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  }

  readStream(streamId: string, fromRevision = 0, options?: ReadOptions): Promise<StoredEvent[]> {
    return Promise.resolve(
      this.statements.readStream.all(streamId, fromRevision).map(reader(options)),
    );
  }

  readAll(
    fromPosition: Position,
    options: { limit: number } & ReadOptions,
  ): Promise<StoredEvent[]> {
    return Promise.resolve(
      this.statements.readAll.all(fromPosition, options.limit).map(reader(options)),
    );
  }

  subscribe(fromPosition: Position, options?: ReadOptions) {
    this.watchOtherWriters();
    return pollingSubscription(
      (p, o) => this.readAll(p, { ...o, ...options }),
      fromPosition,
      onAppend(this.appended),
      this.options,
    );
  }

  headPosition(): Promise<Position> {
    return Promise.resolve(this.statements.head.get()?.head ?? 0);
  }

  /**
   * Appends by other processes (the command API beside the projector and the workers) reach
   * this process's subscriptions as changes of the WAL file, which wake them at once; the poll
   * interval remains for file systems that report no changes.
   */
  private watchOtherWriters() {
    if (this.walWatcher || this.file === ':memory:') return;
    try {
      this.walWatcher = watch(`${this.file}-wal`, { persistent: false }, () =>
        this.appended.emit('append'),
      ).on('error', () => {
        this.walWatcher?.close();
      });
    } catch {
      // No WAL file to watch (yet) or no file events here: the subscriptions poll.
    }
  }

  close(): Promise<void> {
    this.walWatcher?.close();
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
