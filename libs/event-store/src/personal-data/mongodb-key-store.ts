import { type Collection, MongoClient, MongoServerError } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { type DataKey, KEY_BYTES, keyIdOf, type KeyStore } from './key-store.port';

type KeyDoc = {
  _id: string;
  subject: string;
  generation: number;
  key: Buffer | null;
  live: boolean;
  createdAt: string;
  destroyedAt?: string;
};

const DUPLICATE_KEY = 11000;

const bytes = (value: unknown): Buffer | null => {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { buffer?: Uint8Array };
  return binary.buffer ? Buffer.from(binary.buffer) : null;
};

/**
 * Keys in a MongoDB collection of their own (`data_keys`). Each generation of a subject's
 * key is a document with a deterministic id, so two processes creating the same key at once
 * collide on `_id` and the loser reads the winner's.
 */
export class MongoKeyStore implements KeyStore {
  private readonly client: MongoClient;
  private readonly keysColl: Collection<KeyDoc>;
  private indexed: Promise<unknown> | undefined;
  /** The keys being created, which closing waits for. */
  private readonly underway = new Set<Promise<DataKey>>();

  constructor(url: string) {
    this.client = new MongoClient(url, { ignoreUndefined: true });
    this.keysColl = this.client.db().collection<KeyDoc>('data_keys');
  }

  private ready() {
    this.indexed ??= this.keysColl.createIndex({ subject: 1, live: 1 });
    return this.indexed;
  }

  currentKey(subject: string): Promise<DataKey> {
    const made = this.keyOf(subject);
    this.underway.add(made);
    const done = () => this.underway.delete(made);
    made.then(done, done);
    return made;
  }

  private async keyOf(subject: string): Promise<DataKey> {
    await this.ready();
    for (;;) {
      const docs = await this.keysColl
        .find({ subject })
        .sort({ generation: -1 })
        .limit(1)
        .toArray();
      const last = docs[0];
      const key = bytes(last?.key);
      if (last?.live && key) return { keyId: last._id, key };
      const generation = (last?.generation ?? 0) + 1;
      const fresh = randomBytes(KEY_BYTES);
      const keyId = keyIdOf(subject, generation);
      try {
        await this.keysColl.insertOne({
          _id: keyId,
          subject,
          generation,
          key: fresh,
          live: true,
          createdAt: new Date().toISOString(),
        });
        return { keyId, key: fresh };
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      }
    }
  }

  async keys(keyIds: string[]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    if (keyIds.length === 0) return out;
    const docs = await this.keysColl
      .find({ _id: { $in: [...new Set(keyIds)] }, live: true })
      .toArray();
    for (const doc of docs) {
      const key = bytes(doc.key);
      if (key) out.set(doc._id, key);
    }
    return out;
  }

  async destroy(subject: string): Promise<string[]> {
    await this.ready();
    const live = await this.keysColl.find({ subject, live: true }).toArray();
    const ids = live.map((d) => d._id);
    if (ids.length > 0)
      await this.keysColl.updateMany(
        { _id: { $in: ids } },
        { $set: { key: null, live: false, destroyedAt: new Date().toISOString() } },
      );
    return ids;
  }

  /** Closes once every key it was asked for is written (or refused). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.underway]);
    await this.client.close();
  }
}
