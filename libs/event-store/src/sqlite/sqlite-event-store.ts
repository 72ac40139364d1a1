import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { type FSWatcher, watch } from 'node:fs';
import {
  type AppendResult,
  checkExpected,
  expectedHolds,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  PartialDuplicateAppendError,
  type Position,
  type ReadOptions,
  type StoredEvent,
} from '../event-store.port';
import { type ChainLink, eventHash, linkAfter } from '../hash-chain';
import { durablePragmas, openDurable } from './durable-database';
import type {
  WriterAppend,
  WriterData,
  WriterReply,
  WriterRequest,
  WriterRow,
} from './sqlite-writer.mjs';
import { WriterThread } from './writer-thread';
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
  /** Found stale by the writer: its stream moved, or its events were written meanwhile. */
  stale?: boolean;
};

/** An append on its way to the writer: what it writes, and its revision once written. */
type Prepared = { pending: Pending; append: WriterAppend; link: ChainLink };

/** How many streams' ends a store keeps from its own appends. */
const MAX_KNOWN_ENDS = 100_000;

/** A failure of the writer's whole transaction, with SQLite's error code where it gave one. */
export class EventLogWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'EventLogWriteError';
  }
}

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
 * resolves. Appends are written by a writer thread (sqlite-writer.mts), one batch at a time:
 * the appends that arrive while a batch is being written go together into the next
 * transaction, so concurrent commands share one fsync (group commit), and the main thread
 * keeps serving while the disk syncs. The main thread prepares each append (duplicate and
 * revision checks, hash chain, JSON) from what is committed and what the batch holds.
 */
export class SqliteEventStore implements EventStore {
  readonly densePositions = true;
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private queue: Pending[] = [];
  private flushScheduled = false;
  private inFlight: Prepared[] | undefined;
  private readonly ends = new Map<string, ChainLink>();
  private readonly writer: WriterThread<WriterRequest, WriterReply>;
  private drained: (() => void)[] = [];
  private readonly statements;
  private walWatcher: FSWatcher | undefined;

  /** `idleMs`: how long an idle subscription sleeps when nothing wakes it (10 ms). */
  constructor(
    private readonly file: string,
    private readonly options: { idleMs?: number } = {},
  ) {
    if (file === ':memory:')
      throw new Error('The sqlite event store needs a file (its writer thread opens it too)');
    this.db = openDurable(file);
    this.writer = new WriterThread<WriterRequest, WriterReply>(
      "the event log's writer",
      WriterThread.fileOf(__dirname, __filename, 'sqlite-writer'),
      { file, pragmas: durablePragmas } satisfies WriterData,
    );
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
      this.scheduleFlush();
    });
  }

  private scheduleFlush() {
    if (this.flushScheduled || this.inFlight || this.queue.length === 0) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Sends what is queued to the writer as one batch (one at a time). */
  private flush() {
    if (this.inFlight) return;
    const queued = this.queue;
    this.queue = [];
    const ends = new Map<string, ChainLink | undefined>();
    const batchIds = new Set<string>();
    const batch: Prepared[] = [];
    for (const pending of queued) {
      // The same event id twice in one batch (a retry racing its original): the later one
      // waits for the next batch, where it is found written.
      const ids = pending.events.map((e) => `${pending.streamId}\u0000${e.eventId}`);
      if (ids.some((id) => batchIds.has(id))) {
        this.queue.push(pending);
        continue;
      }
      try {
        const prepared = this.prepare(pending, ends);
        if (prepared) {
          batch.push(prepared);
          for (const id of ids) batchIds.add(id);
        }
      } catch (error) {
        pending.reject(error);
      }
    }
    if (batch.length === 0) {
      this.afterBatch();
      return;
    }
    this.inFlight = batch;
    void this.writer.send({ appends: batch.map((p) => p.append) }).then((reply) => {
      this.written(reply);
    });
  }

  /**
   * What an append writes, checked against the stream's end (as committed, or as earlier
   * appends of the batch leave it); undefined when it was written before (resolved as it was).
   * Whether its events were written before is asked only where it matters: when the revision
   * check fails, and when the writer found the append stale (another writer, or the same
   * event ids written meanwhile). Otherwise the writer's unique event ids are the check.
   */
  private prepare(
    pending: Pending,
    ends: Map<string, ChainLink | undefined>,
  ): Prepared | undefined {
    const { streamId, events, expected } = pending;
    if (pending.stale && this.writtenBefore(pending)) return undefined;
    if (!ends.has(streamId)) ends.set(streamId, this.streamEnd(streamId));
    const kept = this.ends.get(streamId);
    if (kept && ends.get(streamId) === kept && !expectedHolds(expected, kept.revision)) {
      // A refusal is decided on the stored end: the one kept from this store's own appends
      // may be behind another writer's.
      this.ends.delete(streamId);
      ends.set(streamId, this.streamEnd(streamId));
    }
    const base = ends.get(streamId)?.revision ?? -1;
    try {
      checkExpected(streamId, expected, base);
    } catch (error) {
      if (!pending.stale && this.writtenBefore(pending)) return undefined;
      throw error;
    }
    const linked = linkAfter(streamId, ends.get(streamId), events);
    const rows = linked.events.map((event, i): WriterRow => [
      streamId,
      base + 1 + i,
      event.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
    ]);
    ends.set(streamId, linked.link);
    return { pending, append: { streamId, base, rows }, link: linked.link };
  }

  /** Resolves an append whose events are all stored already with what they were given. */
  private writtenBefore(pending: Pending): boolean {
    const { streamId, events } = pending;
    const found = events
      .map((e) => this.statements.byEventId.get(streamId, e.eventId))
      .filter((row) => row !== undefined);
    if (found.length === 0) return false;
    if (found.length !== events.length) throw new PartialDuplicateAppendError(streamId);
    const last = found[found.length - 1]!;
    pending.resolve({ nextExpectedRevision: last.revision, position: last.position });
    return true;
  }

  /**
   * Where a stream ends: kept from this store's own appends (the writer refuses an append
   * whose stream moved meanwhile, and the end is then read again), else read.
   */
  private streamEnd(streamId: string): ChainLink | undefined {
    const known = this.ends.get(streamId);
    if (known) return known;
    const row = this.statements.last.get(streamId);
    return row && { revision: row.revision, hash: eventHash(asStored(row)) };
  }

  private rememberEnd(streamId: string, link: ChainLink) {
    this.ends.delete(streamId);
    this.ends.set(streamId, link);
    if (this.ends.size > MAX_KNOWN_ENDS) {
      const oldest = this.ends.keys().next().value;
      if (oldest !== undefined) this.ends.delete(oldest);
    }
  }

  /** The writer's answer to the batch in flight: each append resolved, or prepared again. */
  private written(reply: WriterReply) {
    const batch = this.inFlight ?? [];
    this.inFlight = undefined;
    if ('failure' in reply) {
      const error = new EventLogWriteError(reply.failure.message, reply.failure.code);
      for (const { pending } of batch) {
        this.ends.delete(pending.streamId);
        pending.reject(error);
      }
    } else {
      // Stale appends (another writer wrote to their streams) go first into the next batch,
      // prepared from their streams' stored ends.
      const stale: Pending[] = [];
      batch.forEach(({ pending, link }, i) => {
        const position = reply.positions[i];
        if (position === null || position === undefined) {
          this.ends.delete(pending.streamId);
          stale.push({ ...pending, stale: true });
        } else {
          this.rememberEnd(pending.streamId, link);
          pending.resolve({ nextExpectedRevision: link.revision, position });
        }
      });
      this.queue = [...stale, ...this.queue];
      this.appended.emit('append');
    }
    this.afterBatch();
  }

  private afterBatch() {
    if (this.queue.length > 0) this.scheduleFlush();
    else if (!this.inFlight) for (const done of this.drained.splice(0)) done();
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
   * Appends by other processes (the command API beside the projector and the workers) and by
   * this process's writer thread reach this process's subscriptions as changes of the WAL file,
   * which wake them at once; the poll interval remains for file systems that report no changes.
   * The WAL changes when a commit's pages are written, before the commit is synced and visible:
   * the head is checked each millisecond after a change (for up to 50 ms) until it moved.
   */
  private watchOtherWriters() {
    if (this.walWatcher) return;
    let seen = this.statements.head.get()?.head ?? 0;
    let recheck: NodeJS.Timeout | undefined;
    const check = (triesLeft: number) => {
      recheck = undefined;
      if (!this.db.open) return;
      const head = this.statements.head.get()?.head ?? 0;
      if (head !== seen) {
        seen = head;
        this.appended.emit('append');
      } else if (triesLeft > 0) {
        recheck = setTimeout(() => {
          check(triesLeft - 1);
        }, 1).unref();
      }
    };
    try {
      this.walWatcher = watch(`${this.file}-wal`, { persistent: false }, () => {
        if (recheck) clearTimeout(recheck);
        check(50);
      }).on('error', () => {
        this.walWatcher?.close();
      });
      this.walWatcher.once('close', () => {
        if (recheck) clearTimeout(recheck);
      });
    } catch {
      // No WAL file to watch (yet) or no file events here: the subscriptions poll.
    }
  }

  /** Closes once every append it took is written (or refused). */
  async close(): Promise<void> {
    if (this.inFlight || this.queue.length > 0 || this.flushScheduled)
      await new Promise<void>((resolve) => this.drained.push(resolve));
    this.walWatcher?.close();
    await this.writer.close();
    if (this.db.open) this.db.close();
  }
}
