import { randomUUID } from 'node:crypto';
import {
  type AnyBulkWriteOperation,
  type Db,
  type Document,
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type WriteError,
} from 'mongodb';
import { decodeCursor, encodeCursor, fieldsRead, withIdTiebreak } from '../cursor';
import { checkCollection, checkField } from '../names';
import {
  type Checkpoint,
  type Doc,
  FencedOutError,
  type Filter,
  type FindOptions,
  type Lease,
  type Page,
  type ReadStore,
  type Scalar,
  type SortSpec,
  type WriteOp,
} from '../read-store.port';
import { insertOnly } from '../update-engine';

const checkFilter = (filter: Filter): Document => {
  for (const field of Object.keys(filter)) checkField(field);
  return filter;
};

/** Documents strictly after the cursor in sort order, as an `$or` of prefixes. */
const after = (values: Scalar[], sort: SortSpec): Document => ({
  $or: sort.map(([field, dir], i) => ({
    ...Object.fromEntries(sort.slice(0, i).map(([f], j) => [f, values[j]])),
    [field]: { [dir === 1 ? '$gt' : '$lt']: values[i] },
  })),
});

/**
 * One upsert guarded by the document's last applied position: when the document exists with
 * a position at or above this write's, the filter misses and the upsert's insert fails on the
 * duplicate `_id` — the write was already applied.
 */
const guardedUpsert = (
  op: Extract<WriteOp, { kind: 'upsert' }>,
): AnyBulkWriteOperation<Doc & { _pos?: number }> => {
  if (insertOnly(op.update))
    // Idempotent without a guard, and an `_id`-only filter is one FerretDB can push down.
    return {
      updateOne: {
        filter: { _id: op.id },
        update: { $setOnInsert: { ...op.update.$setOnInsert, _pos: op.position } },
        upsert: true,
      },
    };
  const { $set, $unset, ...rest } = op.update;
  return {
    updateOne: {
      filter: { _id: op.id, _pos: { $lt: op.position } },
      update: {
        ...rest,
        ...($unset ? { $unset: Object.fromEntries(Object.keys($unset).map((k) => [k, ''])) } : {}),
        $set: { ...$set, _pos: op.position },
      } as Document,
      upsert: true,
    },
  };
};

const DUPLICATE_KEY = 11000;

const onlyAlreadyApplied = (error: unknown) => {
  if (!(error instanceof MongoBulkWriteError)) return false;
  const errors = ([] as WriteError[]).concat(error.writeErrors);
  return errors.length > 0 && errors.every((e) => e.code === DUPLICATE_KEY);
};

/** A journal entry holds at most this much of a batch's writes (as JSON, far below 16 MB). */
const JOURNAL_CHUNK_CHARS = 4_000_000;

/** One piece of a journalled batch; the last piece says how many there are, and the checkpoints. */
type JournalEntry = {
  _id: string;
  batch: string;
  piece: number;
  ops: string;
  pieces?: number;
  checkpoints?: Checkpoint[];
};

/**
 * MongoDB (and FerretDB 1.24). No transactions, so a batch of writes is made all-or-nothing
 * by a journal (ADR 0036): its writes are stored first, in the `journal` collection, then
 * written, then the checkpoints, then the journal entry is deleted. A batch a crash cut short
 * is written again from its journal (`finishInterrupted`) before the writer reads its
 * checkpoints, so no projection is ever replayed over a batch half written: a projection that
 * reads a document written later in the same batch would decide differently the second time.
 * Each upsert is also guarded by the position last applied to its document, so writing a
 * batch again changes nothing twice.
 */
export class MongoReadStore implements ReadStore {
  private readonly client: MongoClient;
  private readonly db: Db;

  constructor(url: string) {
    this.client = new MongoClient(url, { ignoreUndefined: true });
    this.db = this.client.db();
  }

  private coll(name: string) {
    return this.db.collection<Doc & { _pos?: number }>(checkCollection(name));
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | undefined> {
    const doc = await this.coll(collection).findOne({ _id: id }, { projection: { _pos: 0 } });
    return (doc ?? undefined) as T | undefined;
  }

  /** By `$in`, a few hundred ids a query. */
  async getMany<T extends Doc>(collection: string, ids: Iterable<string>): Promise<Map<string, T>> {
    const unique = [...new Set(ids)];
    const found = new Map<string, T>();
    for (let i = 0; i < unique.length; i += 500) {
      const docs = await this.coll(collection)
        .find({ _id: { $in: unique.slice(i, i + 500) } }, { projection: { _pos: 0 } })
        .toArray();
      for (const doc of docs) found.set(doc._id, doc as T);
    }
    return found;
  }

  async find<T extends Doc>(
    collection: string,
    filter: Filter,
    options: FindOptions = {},
  ): Promise<Page<T>> {
    const sort = withIdTiebreak(options.sort);
    const base = checkFilter(filter);
    const query = options.cursor
      ? { $and: [base, after(decodeCursor(options.cursor, sort), sort)] }
      : base;
    const limit = options.limit ?? 100;
    const projection = options.fields
      ? {
          _id: 1,
          ...Object.fromEntries(fieldsRead(options.fields, sort).map((f) => [checkField(f), 1])),
        }
      : { _pos: 0 };
    const docs = (await this.coll(collection)
      .find(query, { projection })
      .sort(Object.fromEntries(sort.map(([f, d]) => [checkField(f), d])))
      .limit(limit + 1)
      .toArray()) as T[];
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    return docs.length > limit && last
      ? { items, nextCursor: encodeCursor(last, sort) }
      : { items };
  }

  count(collection: string, filter: Filter, options: { upTo?: number } = {}): Promise<number> {
    const { upTo } = options;
    if (upTo !== undefined && upTo < 1) return Promise.resolve(0);
    return this.coll(collection).countDocuments(
      checkFilter(filter),
      upTo === undefined ? {} : { limit: Math.floor(upTo) },
    );
  }

  /**
   * Writes run in rounds: round k holds the k-th write of each document, so an unordered bulk
   * never holds two writes to one document. A `setWhere` or `deleteWhere` is a barrier
   * between rounds.
   */
  async apply(ops: WriteOp[], checkpoints: Checkpoint[], fence?: Lease): Promise<void> {
    // Checked before writing, not with it (no transaction here): a holder stops writing a
    // margin before its lease runs out, which covers the gap (ADR 0026).
    if (fence && (await this.lease(fence.name))?.token !== fence.token)
      throw new FencedOutError(fence.name, fence.token);
    // One write cannot be cut in half: only a batch of more needs the journal.
    const batch = ops.length > 1 ? await this.journal(ops, checkpoints) : undefined;
    await this.write(ops, checkpoints);
    if (batch) await this.db.collection<JournalEntry>('journal').deleteMany({ batch });
  }

  /** Stores a batch's writes and checkpoints before any of them is written. */
  private async journal(ops: WriteOp[], checkpoints: Checkpoint[]): Promise<string> {
    const batch = randomUUID();
    const pieces: string[] = [];
    let piece: string[] = [];
    let chars = 0;
    for (const text of ops.map((op) => JSON.stringify(op))) {
      if (piece.length > 0 && chars + text.length > JOURNAL_CHUNK_CHARS) {
        pieces.push(`[${piece.join(',')}]`);
        piece = [];
        chars = 0;
      }
      piece.push(text);
      chars += text.length + 1;
    }
    pieces.push(`[${piece.join(',')}]`);
    // The last piece is written last: a batch without it never began to be written.
    const entries: JournalEntry[] = pieces.map((text, i) => ({
      _id: `${batch}:${i}`,
      batch,
      piece: i,
      ops: text,
      ...(i === pieces.length - 1 ? { pieces: pieces.length, checkpoints } : {}),
    }));
    const journal = this.db.collection<JournalEntry>('journal');
    if (entries.length > 1) await journal.insertMany(entries.slice(0, -1));
    await journal.insertOne(entries[entries.length - 1]!);
    return batch;
  }

  /**
   * Writes again every batch whose journal is whole (its writes may have stopped half way),
   * and deletes every journal entry: a batch whose last piece is missing wrote nothing.
   */
  async finishInterrupted(): Promise<void> {
    const journal = this.db.collection<JournalEntry>('journal');
    const entries = await journal.find({}).sort({ batch: 1, piece: 1 }).toArray();
    const batches = new Map<string, JournalEntry[]>();
    for (const entry of entries)
      (batches.get(entry.batch) ?? batches.set(entry.batch, []).get(entry.batch)!).push(entry);
    for (const [batch, pieces] of batches) {
      const last = pieces.find((p) => p.pieces !== undefined);
      if (last && pieces.length === last.pieces)
        await this.write(
          pieces.flatMap((p) => JSON.parse(p.ops) as WriteOp[]),
          last.checkpoints ?? [],
        );
      await journal.deleteMany({ batch });
    }
  }

  private async write(ops: WriteOp[], checkpoints: Checkpoint[]): Promise<void> {
    let pending: Extract<WriteOp, { kind: 'upsert' | 'delete' }>[] = [];
    for (const op of ops) {
      if (op.kind === 'upsert' || op.kind === 'delete') {
        pending.push(op);
        continue;
      }
      await this.writeRounds(pending);
      pending = [];
      const filter = checkFilter(op.where);
      if (op.kind === 'deleteWhere') {
        await this.coll(op.collection).deleteMany(filter);
        continue;
      }
      const unset = op.unset ?? [];
      if (Object.keys(op.set).length === 0 && unset.length === 0) continue;
      // A dotted field is set only where its parent is an object (MongoDB refuses a null one).
      const byParent = new Map<string, Record<string, unknown>>();
      for (const [field, value] of Object.entries(op.set)) {
        const parent = checkField(field).split('.').slice(0, -1).join('.');
        byParent.set(parent, { ...byParent.get(parent), [field]: value });
      }
      const top = byParent.get('') ?? {};
      byParent.delete('');
      if (Object.keys(top).length > 0 || unset.length > 0)
        await this.coll(op.collection).updateMany(filter, {
          ...(Object.keys(top).length > 0 ? { $set: top } : {}),
          ...(unset.length > 0
            ? { $unset: Object.fromEntries(unset.map((f) => [checkField(f), ''])) }
            : {}),
        });
      for (const [parent, set] of byParent)
        await this.coll(op.collection).updateMany(
          { ...filter, [parent]: { $type: 'object' } },
          { $set: set },
        );
    }
    await this.writeRounds(pending);
    // All checkpoints in one round trip; `$max` keeps each from going back.
    if (checkpoints.length > 0)
      await this.db.collection<{ _id: string; position: number }>('checkpoints').bulkWrite(
        checkpoints.map((c) => ({
          updateOne: {
            filter: { _id: c.name },
            update: { $max: { position: c.position } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
  }

  private async writeRounds(ops: Extract<WriteOp, { kind: 'upsert' | 'delete' }>[]) {
    const rounds: Map<string, AnyBulkWriteOperation<Doc & { _pos?: number }>[]>[] = [];
    const seen = new Map<string, number>();
    for (const op of ops) {
      const key = `${op.collection}\n${op.id}`;
      const round = seen.get(key) ?? 0;
      seen.set(key, round + 1);
      const byCollection = (rounds[round] ??= new Map());
      const list =
        byCollection.get(op.collection) ?? byCollection.set(op.collection, []).get(op.collection)!;
      list.push(
        op.kind === 'delete' ? { deleteOne: { filter: { _id: op.id } } } : guardedUpsert(op),
      );
    }
    // The collections of one round are written side by side: a batch costs one round trip
    // per round, not one per collection.
    for (const round of rounds)
      await Promise.all(
        [...round].map(async ([collection, list]) => {
          try {
            await this.coll(collection).bulkWrite(list, { ordered: false });
          } catch (error) {
            if (!onlyAlreadyApplied(error)) throw error;
          }
        }),
      );
  }

  private leases() {
    return this.db.collection<{ _id: string; holder: string; token: number; expiresAt: number }>(
      'leases',
    );
  }

  async lease(name: string): Promise<Lease | undefined> {
    const doc = await this.leases().findOne({ _id: name });
    return doc
      ? { name, holder: doc.holder, token: doc.token, expiresAt: doc.expiresAt }
      : undefined;
  }

  async acquireLease(
    name: string,
    holder: string,
    ttlMs: number,
    now: number,
  ): Promise<Lease | undefined> {
    const expiresAt = now + ttlMs;
    // Renewal: the holder within its lease keeps its token.
    const renewed = await this.leases().findOneAndUpdate(
      { _id: name, holder, expiresAt: { $gt: now } },
      { $set: { expiresAt } },
      { returnDocument: 'after' },
    );
    if (renewed) return { name, holder, token: renewed.token, expiresAt };
    // Take-over of an expired lease: a new token, decided by the conditional update.
    const taken = await this.leases().findOneAndUpdate(
      { _id: name, expiresAt: { $lte: now } },
      { $set: { holder, expiresAt }, $inc: { token: 1 } },
      { returnDocument: 'after' },
    );
    if (taken) return { name, holder, token: taken.token, expiresAt };
    try {
      await this.leases().insertOne({ _id: name, holder, token: 1, expiresAt });
      return { name, holder, token: 1, expiresAt };
    } catch (error) {
      // Another holder has it (or took it first).
      if (error instanceof MongoServerError && error.code === 11000) return undefined;
      throw error;
    }
  }

  async releaseLease(lease: Lease): Promise<void> {
    await this.leases().updateOne(
      { _id: lease.name, holder: lease.holder, token: lease.token },
      { $set: { expiresAt: 0 } },
    );
  }

  async checkpoints(): Promise<Checkpoint[]> {
    const docs = await this.db
      .collection<{ _id: string; position: number }>('checkpoints')
      .find({})
      .sort({ _id: 1 })
      .toArray();
    return docs.map((d) => ({ name: d._id, position: d.position }));
  }

  async ensureIndex(collection: string, fields: string[]): Promise<void> {
    await this.coll(collection).createIndex(
      Object.fromEntries(fields.map((f) => [checkField(f), 1])),
    );
  }

  async replaceCollections(
    pairs: [from: string, to: string][],
    checkpoints: Checkpoint[],
    dropCheckpoints: string[],
  ): Promise<void> {
    const existing = new Set(
      (await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
    );
    for (const [from, to] of pairs) {
      if (!existing.has(from)) await this.dropCollection(to);
      else
        try {
          await this.db.renameCollection(checkCollection(from), checkCollection(to), {
            dropTarget: true,
          });
        } catch (error) {
          // FerretDB 1.24 renames only onto a free name: drop, then rename (a brief gap).
          if (!(error instanceof MongoServerError && /dropTarget/.test(error.message))) throw error;
          await this.dropCollection(to);
          await this.db.renameCollection(checkCollection(from), checkCollection(to));
        }
    }
    const saved = this.db.collection<{ _id: string; position: number }>('checkpoints');
    for (const c of checkpoints)
      await saved.updateOne({ _id: c.name }, { $set: { position: c.position } }, { upsert: true });
    if (dropCheckpoints.length > 0) await saved.deleteMany({ _id: { $in: dropCheckpoints } });
  }

  async collectionNames(): Promise<string[]> {
    const own = new Set(['checkpoints', 'leases', 'journal']);
    return (await this.db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((name) => !own.has(name) && !name.startsWith('system.'));
  }

  async dropCollection(collection: string): Promise<void> {
    try {
      await this.coll(collection).drop();
    } catch (error) {
      if (!(error instanceof MongoServerError && error.codeName === 'NamespaceNotFound'))
        throw error;
    }
  }

  /** An update replaces the document and a delete removes it: no copy stays in a collection. */
  forget(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
