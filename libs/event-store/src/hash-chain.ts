import { createHash } from 'node:crypto';
import {
  type EventStore,
  type NewEvent,
  type Position,
  type StoredEvent,
} from './event-store.port';
import { readLog } from './read-log';

/** The `previousHash` of a stream's first event. */
export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level: one text for one value, whatever the key order. */
export const canonical = (value: unknown): string => {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
};

type Hashable = Pick<
  StoredEvent,
  'streamId' | 'revision' | 'eventId' | 'type' | 'data' | 'metadata'
>;

/**
 * The hash of an event as stored (before any upcasting): its stream, revision, id, type, data
 * and metadata — which holds the previous event's hash, so each hash covers the whole stream
 * before it.
 */
export const eventHash = (event: Hashable): string =>
  createHash('sha256')
    .update(
      canonical({
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      }),
    )
    .digest('hex');

/** Where a stream's chain ends: its last revision (-1: none) and that event's hash. */
export type ChainLink = { revision: number; hash: string };

/**
 * New events linked after `link` (undefined for a new stream): each gets the hash of the one
 * before it in `metadata.previousHash`; with the link the last of them leaves.
 */
export const linkAfter = (
  streamId: string,
  link: ChainLink | undefined,
  events: NewEvent[],
): { events: NewEvent[]; link: ChainLink } => {
  let previous = link ? link.hash : GENESIS;
  let revision = link ? link.revision : -1;
  const linked = events.map((event) => {
    revision += 1;
    const next = { ...event, metadata: { ...event.metadata, previousHash: previous } };
    previous = eventHash({ ...next, streamId, revision });
    return next;
  });
  return { events: linked, link: { revision, hash: previous } };
};

/**
 * New events linked to the stream's last stored event (undefined for a new stream): each gets
 * the hash of the one before it in `metadata.previousHash`.
 */
export const chain = (
  streamId: string,
  last: Hashable | undefined,
  events: NewEvent[],
): NewEvent[] =>
  linkAfter(streamId, last && { revision: last.revision, hash: eventHash(last) }, events).events;

export type BrokenLink = {
  streamId: string;
  revision: number;
  position: number;
  eventId: string;
  /** What the event's `previousHash` should be, from the event before it as stored now. */
  expected: string;
  found: string | null;
};

/**
 * Follows hash chains over raw stored events in order (one stream, or the whole log with
 * streams interleaved). Events stored before the chain existed (no `previousHash` before a
 * stream's first chained event) are counted as unchained; after it, a missing hash is a break.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, { hash: string; chained: boolean }>();
  checked = 0;
  unchained = 0;
  firstBroken: BrokenLink | undefined;

  /** `part`: follow only the streams of one of `of` parts (by a hash of their names). */
  constructor(private readonly part: { index: number; of: number } = { index: 0, of: 1 }) {}

  add(event: StoredEvent): void {
    if (this.part.of > 1 && partOf(event.streamId, this.part.of) !== this.part.index) return;
    this.checked += 1;
    const head = this.heads.get(event.streamId);
    const expected = head ? head.hash : GENESIS;
    const found = event.metadata.previousHash ?? null;
    const chained = found !== null || (head?.chained ?? false);
    if (found === null && !chained) this.unchained += 1;
    else if (found !== expected && !this.firstBroken)
      this.firstBroken = {
        streamId: event.streamId,
        revision: event.revision,
        position: event.position,
        eventId: event.eventId,
        expected,
        found,
      };
    this.heads.set(event.streamId, { hash: eventHash(event), chained });
  }

  /** The last hash of each stream: what an auditor records to prove the streams later. */
  headOf(streamId: string): string | undefined {
    return this.heads.get(streamId)?.hash;
  }

  get streams(): number {
    return this.heads.size;
  }

  get ok(): boolean {
    return this.firstBroken === undefined;
  }
}

/** Which of `of` parts a stream falls in: FNV-1a of its name, so every pass agrees. */
const partOf = (streamId: string, of: number): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < streamId.length; i++) {
    hash ^= streamId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % of;
};

/** What following every stream's chain in a log found. */
export type ChainReport = {
  ok: boolean;
  checked: number;
  streams: number;
  unchained: number;
  firstBroken: BrokenLink | undefined;
  /** How many times the log was read: once, unless its streams were too many to hold at once. */
  passes: number;
};

/**
 * Follows the hash chain of every stream in the log up to `until`, holding the last hash of at
 * most about `maxStreams` streams at a time (a few hundred bytes each): a log with more streams
 * than that (a decade's activities are millions of streams, and a JavaScript Map holds at most
 * 2^24 entries) is read again in as many passes as it takes, each following the streams of one
 * part. A pass that finds more streams than the bound starts the whole check again with more
 * parts, estimated from how far it got. The first broken link is the one earliest in the log.
 */
export const verifyChains = async (
  events: Pick<EventStore, 'readAll' | 'headPosition'>,
  options: {
    until: Position;
    maxStreams?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ChainReport> => {
  const { until, maxStreams = 2_000_000, onProgress } = options;
  for (let of = 1; ;) {
    const report: Omit<ChainReport, 'ok'> = {
      checked: 0,
      streams: 0,
      unchained: 0,
      firstBroken: undefined,
      passes: of,
    };
    let more: number | undefined;
    for (let index = 0; index < of; index++) {
      const verifier = new ChainVerifier({ index, of });
      for await (const page of readLog(events, { until, raw: true })) {
        for (const e of page) verifier.add(e);
        const reached = page[page.length - 1]!.position;
        onProgress?.(index * until + reached, of * until);
        if (verifier.streams > maxStreams) {
          // This part's streams, projected over the whole log, in parts of about 3/4 the bound.
          const expected = (verifier.streams * until) / Math.max(1, reached);
          more = Math.max(of * 2, Math.ceil((of * expected) / (maxStreams * 0.75)));
          break;
        }
      }
      if (more !== undefined) break;
      report.checked += verifier.checked;
      report.streams += verifier.streams;
      report.unchained += verifier.unchained;
      const broken = verifier.firstBroken;
      if (broken && (!report.firstBroken || broken.position < report.firstBroken.position))
        report.firstBroken = broken;
    }
    if (more === undefined) return { ...report, ok: report.firstBroken === undefined };
    of = more;
  }
};
