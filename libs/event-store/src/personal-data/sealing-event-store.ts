import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  erasedData,
  getPath,
  keySubjectOf,
  personalPathsIn,
  setPath,
  type CustomerPersonalDataErased,
  type LeadPersonalDataErased,
} from '#events';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadOptions,
  type StoredEvent,
  type Subscription,
} from '../event-store.port';
import { upcastStored } from '../upcast-stored';
import { type DataKey, type KeyStore } from './key-store.port';

/** Where a sealed event keeps its personal fields: one AES-256-GCM box per event. */
export const SEALED = '$sealed';

export type SealedBox = {
  keyId: string;
  /** The personal paths inside the box (field names only, no values). */
  paths: string[];
  iv: string;
  tag: string;
  box: string;
};

/** What a sealed field holds in the stored event, in place of its value. */
export const SEALED_FIELD = '[sealed]';

type Json = Record<string, unknown>;

const ALGORITHM = 'aes-256-gcm';

export const sealedBoxOf = (data: unknown): SealedBox | undefined => {
  const box = getPath(data, SEALED) as SealedBox | undefined;
  return box && typeof box === 'object' && typeof box.keyId === 'string' ? box : undefined;
};

/** The box is bound to its event: it cannot be moved to another event and still open. */
const seal = (event: NewEvent, paths: string[], key: DataKey): Json => {
  const data = event.data as Json;
  const values = Object.fromEntries(paths.map((p) => [p, getPath(data, p)]));
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key.key, iv).setAAD(Buffer.from(event.eventId));
  const box = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  const sealed: SealedBox = {
    keyId: key.keyId,
    paths,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    box: box.toString('base64'),
  };
  // Each sealed field keeps its place, marked, so an opened event reads in its own order.
  const rest = paths.reduce((out, p) => setPath(out, p, SEALED_FIELD), data);
  return { ...rest, [SEALED]: sealed };
};

const unseal = (eventId: string, sealed: SealedBox, key: Buffer): Json | undefined => {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'))
      .setAAD(Buffer.from(eventId))
      .setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.box, 'base64')),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as Json;
  } catch {
    // A box that does not open under its key was altered: the hash chain reports where.
    return undefined;
  }
};

/**
 * The event as readers see it: its personal fields back in place, or erased; upcast to the
 * current schema unless `asWritten`.
 */
const open = (
  event: StoredEvent,
  keys: Map<string, Buffer | null>,
  asWritten = false,
): StoredEvent => {
  const lift = asWritten ? (e: StoredEvent) => e : upcastStored;
  const sealed = sealedBoxOf(event.data);
  if (!sealed) return lift(event);
  const { [SEALED]: _box, ...rest } = event.data as Json;
  const key = keys.get(sealed.keyId);
  const values = key ? unseal(event.eventId, sealed, key) : undefined;
  const data = values
    ? Object.entries(values).reduce((out, [p, v]) => setPath(out, p, v), rest)
    : erasedData(event.type, rest, sealed.paths);
  return lift({ ...event, data, ...(values ? {} : { erased: sealed.paths }) });
};

const keyIdsIn = (events: StoredEvent[]) =>
  events.flatMap((e) => {
    const sealed = sealedBoxOf(e.data);
    return sealed ? [sealed.keyId] : [];
  });

const erasures: readonly string[] = [
  'CustomerPersonalDataErased',
  'LeadPersonalDataErased',
] satisfies (CustomerPersonalDataErased | LeadPersonalDataErased)['type'][];
const isErasure = (event: { type: string }): boolean => erasures.includes(event.type);

/**
 * Crypto-shredding over any event store: on append, the personal fields of each event
 * (personal-data.ts) move into a box sealed with its customer's (or lead's) key; on read
 * they are put back, or read as erased once the key is destroyed. The inner store chains
 * hashes over the sealed form, so erasing changes no stored byte and the chain still holds.
 * Raw reads return events as stored, sealed.
 */
export class SealingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly keyStore: KeyStore,
  ) {}

  get densePositions() {
    return this.inner.densePositions;
  }

  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const keys = new Map<string, DataKey>();
    const sealed: NewEvent[] = [];
    for (const event of events) {
      const paths = personalPathsIn(event.type, event.data);
      const subject = keySubjectOf(event.type, event.data);
      if (paths.length === 0 || !subject) {
        sealed.push(event);
        continue;
      }
      const key = keys.get(subject) ?? (await this.keyStore.currentKey(subject));
      keys.set(subject, key);
      sealed.push({ ...event, data: seal(event, paths, key) });
    }
    return this.inner.append(streamId, sealed, expected);
  }

  private async openAll(events: StoredEvent[], options?: ReadOptions): Promise<StoredEvent[]> {
    if (options?.raw) return events;
    const ids = keyIdsIn(events);
    const keys: Map<string, Buffer | null> =
      ids.length > 0 ? await this.keyStore.keys(ids) : new Map<string, Buffer | null>();
    return events.map((e) => open(e, keys, options?.asWritten));
  }

  async readStream(
    streamId: string,
    fromRevision?: number,
    options?: ReadOptions,
  ): Promise<StoredEvent[]> {
    const stored = await this.inner.readStream(streamId, fromRevision, { raw: true });
    return this.openAll(stored, options);
  }

  async readAll(
    fromPosition: Position,
    options: { limit: number } & ReadOptions,
  ): Promise<StoredEvent[]> {
    const stored = await this.inner.readAll(fromPosition, { limit: options.limit, raw: true });
    return this.openAll(stored, options);
  }

  /**
   * Keys are remembered for the life of the subscription, and forgotten at each erasure it
   * passes: an event after an erasure never opens with a key that erasure destroyed.
   */
  subscribe(fromPosition: Position, options?: ReadOptions): Subscription {
    const inner = this.inner.subscribe(fromPosition, { raw: true });
    if (options?.raw) return inner;
    const asWritten = options?.asWritten ?? false;
    const known = new Map<string, Buffer | null>();
    const keyStore = this.keyStore;
    async function* run(): AsyncGenerator<StoredEvent> {
      for await (const event of inner) {
        if (isErasure(event) || known.size > 10_000) known.clear();
        const sealed = sealedBoxOf(event.data);
        if (sealed && !known.has(sealed.keyId))
          known.set(sealed.keyId, (await keyStore.keys([sealed.keyId])).get(sealed.keyId) ?? null);
        yield open(event, known, asWritten);
      }
    }
    return { [Symbol.asyncIterator]: run, close: () => inner.close() };
  }

  headPosition(): Promise<Position> {
    return this.inner.headPosition();
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.keyStore.close();
  }
}
