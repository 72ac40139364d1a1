import {
  ANY,
  type AllStreamResolvedEvent,
  BACKWARDS,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  type ResolvedEvent,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { type EventMetadata } from '#events';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  PartialDuplicateAppendError,
  type Position,
  type ReadOptions,
  type StoredEvent,
  type Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { checkAppendSize, commitOf, maxEventsPerAppend, positionOf } from '../commit-position';
import { chain } from '../hash-chain';
import { upcastStored } from '../upcast-stored';

type Recorded = NonNullable<ResolvedEvent['event']>;

/**
 * The event's index in its append, stored beside the metadata the event was chained with
 * (and taken off again on read), so every read knows its position whatever it started from.
 */
const indexKey = 'indexInCommit';

const asStored = (event: Recorded, commitPosition: bigint | undefined): StoredEvent => {
  const { [indexKey]: index, ...metadata } = event.metadata as EventMetadata & {
    [indexKey]?: number;
  };
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: positionOf(Number(commitPosition ?? event.position?.commit ?? 0n), index ?? 0),
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata,
  };
};

const toStored = (event: Recorded, commitPosition: bigint | undefined): StoredEvent =>
  upcastStored(asStored(event, commitPosition));

const reader = (options: ReadOptions | undefined) =>
  options?.raw || options?.asWritten ? asStored : toStored;

/** Where a read after `position` starts: the beginning of the position's commit. */
const seek = (position: Position) => {
  if (position === 0) return 'start' as const;
  const commit = BigInt(commitOf(position));
  return { commit, prepare: commit };
};

const isDomainEvent = (
  resolved: AllStreamResolvedEvent,
): resolved is AllStreamResolvedEvent & { event: Recorded } =>
  resolved.event !== undefined &&
  !resolved.event.type.startsWith('$') &&
  !resolved.event.streamId.startsWith('$');

/**
 * EventStoreDB / KurrentDB. The events of one append share a commit position; an event's
 * position is that commit position with the event's index in the append (commit-position.ts).
 * Reads after a position start at its commit and pass over what was already read in it.
 */
export class EsdbEventStore implements EventStore {
  readonly densePositions = false;
  private readonly client: KurrentDBClient;

  constructor(connectionString: string) {
    this.client = KurrentDBClient.connectionString(
      connectionString.replace(/^esdb:/, 'kurrentdb:'),
    );
  }

  /**
   * Links the events to the stream's last one, then appends them expecting exactly that last
   * one, so no other append slips in between and breaks the chain. `any` retries on a race.
   */
  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastEvent(streamId);
      // A retried append ends the stream: answer with what it stored the first time.
      if (last && events.some((e) => e.eventId === last.eventId)) {
        const original = await this.findAppended(streamId, events);
        if (original) return original;
      }
      const exact = expected === 'any' ? (last ? last.revision : 'no_stream') : expected;
      try {
        return await this.appendLinked(streamId, chain(streamId, last, events), exact);
      } catch (error) {
        if (expected !== 'any' || attempt >= 5 || !(error instanceof WrongExpectedRevisionError))
          throw error;
      }
    }
  }

  private async lastEvent(streamId: string): Promise<StoredEvent | undefined> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: 'end',
        maxCount: 1,
      }))
        if (resolved.event) return asStored(resolved.event, resolved.commitPosition);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  private async appendLinked(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    checkAppendSize(streamId, events.length);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e, index) =>
          jsonEvent({
            id: e.eventId,
            type: e.type,
            data: e.data as Record<string, unknown>,
            metadata: { ...e.metadata, [indexKey]: index },
          }),
        ),
        {
          streamState:
            expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : BigInt(expected),
        },
      );
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        position: positionOf(Number(result.position?.commit ?? 0n), events.length - 1),
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const original = await this.findAppended(streamId, events);
      if (original) return original;
      const actual =
        typeof error.actualState === 'bigint' ? Number(error.actualState) : 'no_stream';
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
  }

  /** A retry of an append already stored: answer with the original result. */
  private async findAppended(
    streamId: string,
    events: NewEvent[],
  ): Promise<AppendResult | undefined> {
    const ids = new Set(events.map((e) => e.eventId));
    const found: StoredEvent[] = [];
    for await (const resolved of this.client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: 'end',
      maxCount: 4096,
    })) {
      if (resolved.event && ids.has(resolved.event.id))
        found.push(toStored(resolved.event, resolved.commitPosition));
    }
    if (found.length === 0) return undefined;
    if (found.length !== ids.size) throw new PartialDuplicateAppendError(streamId);
    const last = found[0]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(
    streamId: string,
    fromRevision = 0,
    options?: ReadOptions,
  ): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(fromRevision),
      })) {
        if (resolved.event) events.push(reader(options)(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(
    fromPosition: Position,
    { limit, ...options }: { limit: number } & ReadOptions,
  ): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: seek(fromPosition),
      // Enough for what the commit holds before the position, the page and system events.
      maxCount: (fromPosition % maxEventsPerAppend) + 1 + limit * 2 + 1024,
    })) {
      if (!isDomainEvent(resolved)) continue;
      const stored = reader(options)(resolved.event, resolved.commitPosition);
      if (stored.position <= fromPosition) continue;
      events.push(stored);
      if (events.length >= limit) break;
    }
    return events;
  }

  subscribe(fromPosition: Position, options?: ReadOptions): Subscription {
    const read = reader(options);
    const subscription = this.client.subscribeToAll({
      fromPosition: seek(fromPosition),
      filter: excludeSystemEvents(),
    });
    async function* run(): AsyncGenerator<StoredEvent> {
      for await (const resolved of subscription) {
        if (!isDomainEvent(resolved)) continue;
        const stored = read(resolved.event, resolved.commitPosition);
        if (stored.position > fromPosition) yield stored;
      }
    }
    return { [Symbol.asyncIterator]: run, close: () => subscription.unsubscribe() };
  }

  async headPosition(): Promise<Position> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: 'end',
      maxCount: 64,
    })) {
      // Backwards, the first event of the last commit met is the last one appended in it.
      if (isDomainEvent(resolved))
        return asStored(resolved.event, resolved.commitPosition).position;
    }
    return 0;
  }

  close(): Promise<void> {
    return this.client.dispose();
  }
}
