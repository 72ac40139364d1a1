import { type EventMetadata } from '#events';

/** `no_stream`: the stream must not exist; `any`: no check; a number: the exact last revision. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

/** Global position in the log: monotonic, commit-ordered, stable across restarts. 0 = before all. */
export type Position = number;

export type NewEvent = {
  eventId: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
};

export type StoredEvent = NewEvent & {
  streamId: string;
  /** 0-based number of the event within its stream. */
  revision: number;
  position: Position;
  /**
   * Personal fields that read as erased: their key was destroyed (see
   * personal-data/sealing-event-store.ts). Absent when nothing is erased.
   */
  erased?: string[];
};

export type AppendResult = { nextExpectedRevision: number; position: Position };

export type Subscription = AsyncIterable<StoredEvent> & { close(): Promise<void> };

/**
 * `raw`: events exactly as stored, not upcast to the current schema (for the hash chain).
 * `asWritten`: at the schema version they were written with, but with their personal data
 * readable (or erased) where the store seals it: what an auditor reads.
 */
export type ReadOptions = { raw?: boolean; asWritten?: boolean };

export type EventStore = {
  /** True when positions are dense (1, 2, 3 …), so `head - position` counts events. */
  readonly densePositions: boolean;
  /**
   * Appends after the stream's last event; each event's `metadata.previousHash` is set to the
   * hash of the event before it in the stream (see hash-chain.ts).
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream from `fromRevision` (inclusive); empty when the stream does not exist. */
  readStream(
    streamId: string,
    fromRevision?: number,
    options?: ReadOptions,
  ): Promise<StoredEvent[]>;
  /** Events after `fromPosition` (exclusive) in commit order. */
  readAll(fromPosition: Position, options: { limit: number } & ReadOptions): Promise<StoredEvent[]>;
  /** Catch-up from `fromPosition` (exclusive), then live, without gaps or duplicates. */
  subscribe(fromPosition: Position, options?: ReadOptions): Subscription;
  headPosition(): Promise<Position>;
  close(): Promise<void>;
};

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId} is at ${String(actual)}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Whether an expected revision holds for a stream whose last revision is `current` (-1: none). */
export const expectedHolds = (expected: ExpectedRevision, current: number): boolean =>
  expected === 'any' || (expected === 'no_stream' ? current === -1 : expected === current);

/** Checks an expected revision against the stream's last revision (-1 when absent). */
export const checkExpected = (streamId: string, expected: ExpectedRevision, current: number) => {
  if (!expectedHolds(expected, current))
    throw new WrongExpectedRevisionError(
      streamId,
      expected,
      current === -1 ? 'no_stream' : current,
    );
};

export class PartialDuplicateAppendError extends Error {
  constructor(readonly streamId: string) {
    super(`Some but not all of the appended event ids already exist in ${streamId}`);
    this.name = 'PartialDuplicateAppendError';
  }
}
