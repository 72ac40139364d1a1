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
import { chain } from '../hash-chain';
import { onAppend, pollingSubscription } from '../polling-subscription';
import { upcastStored } from '../upcast-stored';

const reader = (options: ReadOptions | undefined) =>
  options?.raw || options?.asWritten ? (e: StoredEvent) => structuredClone(e) : upcastStored;

export class MemoryEventStore implements EventStore {
  readonly densePositions = true;
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
    for (const event of chain(streamId, stream[stream.length - 1], events)) {
      const stored = { ...event, streamId, revision: stream.length, position: this.log.length + 1 };
      stream.push(stored);
      this.log.push(stored);
    }
    this.streams.set(streamId, stream);
    this.appended.emit('append');
    const last = stream[stream.length - 1];
    return { nextExpectedRevision: stream.length - 1, position: last?.position ?? this.log.length };
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
    return Promise.resolve(
      this.log.slice(fromPosition, fromPosition + options.limit).map(reader(options)),
    );
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
    return Promise.resolve(this.log.length);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
