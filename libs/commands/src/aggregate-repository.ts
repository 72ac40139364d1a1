import { type Decider, fold } from '#domain';
import {
  type EventStore,
  type NewEvent,
  type StoredEvent,
  WrongExpectedRevisionError,
} from '#event-store';
import { currentSchemaVersion, type Event, isKroonikaEventType } from '#events';
import { ConcurrencyExhaustedError, RevisionMismatchError } from './command-errors';
import { type CommandMeta } from './command-meta';
import { deterministicId } from './deterministic-id';
import { KeyedLock } from './keyed-lock';

/** What loading a stream needs of a decider. */
export type Folder<E, S> = Pick<Decider<never, E, S>, 'evolve' | 'initialState'>;

type CommandRecord = { revision: number; position: number };

/** A stream folded up to `revision` (-1: no stream), cached so the next command reads only the tail. */
export type Loaded<S> = {
  state: S;
  revision: number;
  position: number;
  commands: Map<string, CommandRecord>;
};

export type Executed<S> = Loaded<S> & { appended: number; replayed: boolean };

const MAX_CACHED_STREAMS = 100_000;
const MAX_ATTEMPTS = 5;

const customerOf = (data: unknown): string | undefined => {
  const id = (data as { customerId?: unknown } | null)?.customerId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Load, fold, decide, append with the revision read, retry on a concurrent append:
 * command handling as one function, shared by every handler.
 */
export class AggregateRepository {
  private readonly cache = new Map<string, Loaded<unknown>>();
  private readonly locks = new KeyedLock();
  /** The first fold of each stream not in memory, while it runs. */
  private readonly folding = new Map<string, Promise<unknown>>();

  constructor(private readonly store: EventStore) {}

  /** The global position of the last stored event: what a read model must reach to be current. */
  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  /**
   * The stream folded to its end. A stream not in memory is folded once however many commands
   * ask for it at once (a busy customer's after a restart): the others wait for that fold,
   * then read only what came after it.
   */
  async load<E extends Event, S>(streamId: string, decider: Folder<E, S>): Promise<Loaded<S>> {
    if (!this.cache.has(streamId)) {
      const folding = this.folding.get(streamId);
      if (!folding) {
        const first = this.loadTail(streamId, decider);
        this.folding.set(streamId, first);
        const done = () => this.folding.delete(streamId);
        first.then(done, done);
        return first;
      }
      await folding.catch(() => undefined);
    }
    return this.loadTail(streamId, decider);
  }

  /** The stream folded from what is kept of it, reading only the events after that. */
  private async loadTail<E extends Event, S>(
    streamId: string,
    decider: Folder<E, S>,
  ): Promise<Loaded<S>> {
    const cached = this.cache.get(streamId) as Loaded<S> | undefined;
    const base: Loaded<S> = cached ?? {
      state: decider.initialState(),
      revision: -1,
      position: 0,
      commands: new Map(),
    };
    const tail = await this.store.readStream(streamId, base.revision + 1);
    if (tail.length === 0 && cached) return cached;
    const loaded = this.extend(base, decider, tail);
    this.remember(streamId, loaded);
    return loaded;
  }

  private extend<E extends Event, S>(
    base: Loaded<S>,
    decider: Folder<E, S>,
    tail: StoredEvent[],
  ): Loaded<S> {
    // Grown in place: it only ever gains entries of committed events, and copying it would
    // cost O(stream length) per command.
    const commands = base.commands;
    for (const e of tail)
      commands.set(e.metadata.commandId, { revision: e.revision, position: e.position });
    const last = tail[tail.length - 1];
    return {
      state: fold(
        decider,
        base.state,
        tail.map((e) => ({ type: e.type, data: e.data }) as E),
      ),
      revision: last?.revision ?? base.revision,
      position: last?.position ?? base.position,
      commands,
    };
  }

  /** A stream's events, for what its decider's state leaves out (a message's content). */
  events(streamId: string) {
    return this.store.readStream(streamId);
  }

  /**
   * Drops every folded state kept in memory: after an erasure, no state folded from the
   * readable events may outlive their keys in this process.
   */
  forgetAll(): void {
    this.cache.clear();
  }

  private remember(streamId: string, loaded: Loaded<unknown>) {
    this.cache.delete(streamId);
    this.cache.set(streamId, loaded);
    if (this.cache.size > MAX_CACHED_STREAMS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  /**
   * For a command that writes more than one stream: its `If-Match` concerns `streamId` alone
   * (the stream its answer's ETag names). Checked now, before any stream is written, so a
   * stale one writes nothing — unless this command was applied to it already (a retry, then
   * answered as the first time); checked again when `streamId` is written. The other streams
   * the answered meta writes, and follow-ups derived from it, are not held to it.
   */
  async pin<E extends Event, S>(
    meta: CommandMeta,
    streamId: string,
    decider: Folder<E, S>,
  ): Promise<CommandMeta> {
    if (meta.expectedRevision === undefined) return meta;
    const loaded = await this.load(streamId, decider);
    if (!loaded.commands.has(meta.commandId) && loaded.revision !== meta.expectedRevision)
      throw new RevisionMismatchError(streamId, meta.expectedRevision, loaded.revision);
    return { ...meta, expectedStream: streamId };
  }

  /**
   * Runs `decide` against the current state of `streamId` and appends what it returns.
   * A command already applied to the stream (same command id) is answered from the stream.
   * `decide` is pure and synchronous: the context a decision needs is loaded before, never
   * from inside it, so a retry after a concurrent append decides on the same context.
   */
  execute<E extends Event, S>(
    streamId: string,
    decider: Folder<E, S>,
    meta: CommandMeta,
    decide: (state: S) => E[],
  ): Promise<Executed<S>> {
    return this.locks.run(streamId, async () => {
      for (let attempt = 1; ; attempt++) {
        const loaded = await this.load(streamId, decider);
        const previous = loaded.commands.get(meta.commandId);
        if (previous) return { ...loaded, ...previous, appended: 0, replayed: true };
        const expected =
          (meta.expectedStream ?? streamId) === streamId ? meta.expectedRevision : undefined;
        if (expected !== undefined && expected !== loaded.revision)
          throw new RevisionMismatchError(streamId, expected, loaded.revision);
        const events = decide(loaded.state);
        if (events.length === 0) return { ...loaded, appended: 0, replayed: false };
        const records = events.map((e, i) => this.record(e, meta, streamId, i));
        try {
          const result = await this.store.append(
            streamId,
            records,
            loaded.revision === -1 ? 'no_stream' : loaded.revision,
          );
          if (result.nextExpectedRevision !== loaded.revision + events.length) {
            this.cache.delete(streamId);
            return {
              ...(await this.load(streamId, decider)),
              ...result,
              revision: result.nextExpectedRevision,
              appended: 0,
              replayed: true,
            };
          }
          const stored = records.map((r, i) => ({
            ...r,
            streamId,
            revision: loaded.revision + 1 + i,
            position: result.position,
          }));
          const next = this.extend(loaded, decider, stored);
          this.remember(streamId, next);
          return { ...next, appended: events.length, replayed: false };
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (expected !== undefined)
            throw new RevisionMismatchError(
              streamId,
              expected,
              error.actual === 'no_stream' ? -1 : error.actual,
            );
          if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyExhaustedError(streamId);
        }
      }
    });
  }

  private record(event: Event, meta: CommandMeta, streamId: string, index: number): NewEvent {
    const eventId = deterministicId(`${meta.commandId}\n${streamId}\n${index}`);
    const customerId = customerOf(event.data);
    return {
      eventId,
      type: event.type,
      data: event.data,
      metadata: {
        eventId,
        schemaVersion: isKroonikaEventType(event.type) ? currentSchemaVersion[event.type] : 1,
        occurredAt: meta.now,
        actorId: meta.actorId,
        commandId: meta.commandId,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        ...(customerId ? { customerId } : {}),
      },
    };
  }
}
