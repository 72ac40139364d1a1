import { EventEmitter } from 'node:events';
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
import { checkAppendSize, positionOf } from '../commit-position';
import { chain } from '../hash-chain';
import { onAppend, pollingSubscription } from '../polling-subscription';
import { upcastStored } from '../upcast-stored';

const reader = (options: ReadOptions | undefined) =>
  options?.raw || options?.asWritten ? (e: StoredEvent) => structuredClone(e) : upcastStored;

/**
 * The event log in memory. Positions are dense (1, 2, 3 …, as in SQLite) unless told
 * `per-commit`: then, as in EventStoreDB, the events of one append share a commit and each has
 * its own position within it (commit-position.ts), so code tested without a server meets
 * positions as EventStoreDB hands them out.
 */
export class MemoryEventStore implements EventStore {
  readonly densePositions: boolean;
  constructor(options: { positions?: 'dense' | 'per-commit' } = {}) {
    this.densePositions = options.positions !== 'per-commit';
  }
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly appended = new EventEmitter().setMaxListeners(0);

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve) => {
      resolve(this.appendNow(streamId, events, expected));
    });
  }

  private appendNow(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const ids = new Set(events.map((e) => e.eventId));
    const already = stream.filter((e) => ids.has(e.eventId));
    if (already.length > 0) {
      if (already.length !== ids.size) throw new PartialDuplicateAppendError(streamId);
      const last = already[already.length - 1]!;
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    checkExpected(streamId, expected, stream.length - 1);
    checkAppendSize(streamId, events.length);
    const commit = this.log.length + 1;
    chain(streamId, stream[stream.length - 1], events).forEach((event, index) => {
      const position = this.densePositions ? commit + index : positionOf(commit, index);
      const stored = { ...event, streamId, revision: stream.length, position };
      stream.push(stored);
      this.log.push(stored);
    });
    this.streams.set(streamId, stream);
    this.appended.emit('append');
    const last = stream[stream.length - 1];
    return { nextExpectedRevision: stream.length - 1, position: last?.position ?? 0 };
  }

  readStream(streamId: string, fromRevision = 0, options?: ReadOptions): Promise<StoredEvent[]> {
    return Promise.resolve(
      (this.streams.get(streamId) ?? []).slice(fromRevision).map(reader(options)),
    );
  }

  readAll(
    fromPosition: Position,
    options: { limit: number } & ReadOptions,
  ): Promise<StoredEvent[]> {
    const start = this.firstAfter(fromPosition);
    return Promise.resolve(this.log.slice(start, start + options.limit).map(reader(options)));
  }

  /** The index in the log of the first event after `position`. */
  private firstAfter(position: Position): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.log[middle]!.position <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  subscribe(fromPosition: Position, options?: ReadOptions) {
    return pollingSubscription(
      (p, o) => this.readAll(p, { ...o, ...options }),
      fromPosition,
      onAppend(this.appended),
      { idleMs: 1000 },
    );
  }

  headPosition(): Promise<Position> {
    return Promise.resolve(this.log[this.log.length - 1]?.position ?? 0);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
