export type Scalar = string | number | boolean | null;

export type Range = { $gt?: Scalar; $gte?: Scalar; $lt?: Scalar; $lte?: Scalar };
export type Condition = Scalar | ({ $in?: Scalar[]; $ne?: Scalar } & Range);
/** Equality, `$in`, `$ne` and ranges on (dotted) fields; conditions are AND-ed. */
export type Filter = Record<string, Condition>;

export type SortSpec = [field: string, direction: 1 | -1][];

export type Doc = { _id: string } & Record<string, unknown>;

export type Update = {
  $set?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $max?: Record<string, Scalar>;
  $min?: Record<string, Scalar>;
  $push?: Record<string, unknown>;
  $unset?: Record<string, true>;
};

/**
 * A write of a projection. `position` is that of the event it comes from: a document keeps
 * the last position applied to it and ignores an upsert at or below it, so a replayed batch
 * never applies twice. One event produces at most one upsert per document. `setWhere` sets
 * and removes (dotted) fields of every matching document — a dotted one only where its
 * parent object exists; `deleteWhere` deletes them.
 */
export type WriteOp =
  | { kind: 'upsert'; collection: string; id: string; update: Update; position: number }
  | {
      kind: 'setWhere';
      collection: string;
      where: Record<string, Scalar>;
      set: Record<string, Scalar>;
      unset?: string[];
    }
  | { kind: 'deleteWhere'; collection: string; where: Record<string, Scalar> }
  | { kind: 'delete'; collection: string; id: string };

export type Checkpoint = { name: string; position: number };

/**
 * A duty's renewable lease (ADR 0026): one holder at a time until `expiresAt` (ms since the
 * epoch). `token` grows by one with every new holder — a fencing token: writes made under an
 * older token are refused, so a holder that paused past its lease cannot write after another
 * copy took over.
 */
export type Lease = { name: string; holder: string; token: number; expiresAt: number };

/** A write under a lease whose token is no longer the current one. */
export class FencedOutError extends Error {
  constructor(
    readonly lease: string,
    readonly token: number,
  ) {
    super(`The lease ${lease} has passed on from token ${token}`);
    this.name = 'FencedOutError';
  }
}

export type Page<T> = { items: T[]; nextCursor?: string };

export type FindOptions = {
  sort?: SortSpec;
  limit?: number;
  cursor?: string;
  /**
   * Only these (dotted, through objects) fields of each document, with its `_id` and the
   * sort's fields; a field the document does not hold is left out. A read that needs a few
   * fields of many documents then moves and parses only those.
   */
  fields?: readonly string[];
};

export type ReadStore = {
  get<T extends Doc>(collection: string, id: string): Promise<T | undefined>;
  /** The documents of `ids` that exist, by id (an id named twice is read once). */
  getMany<T extends Doc>(collection: string, ids: Iterable<string>): Promise<Map<string, T>>;
  find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<Page<T>>;
  /**
   * How many documents match, counting no further than `upTo` when given (enough to tell
   * whether there are that many, without counting every one).
   */
  count(collection: string, filter: Filter, options?: { upTo?: number }): Promise<number>;
  /**
   * Applies writes in order, then stores the checkpoints (sqlite: in one transaction). Under a
   * `fence`, refuses with FencedOutError (writing nothing) when the lease's token has moved on
   * (sqlite: checked in the same transaction; mongodb: checked just before writing).
   */
  apply(ops: WriteOp[], checkpoints: Checkpoint[], fence?: Lease): Promise<void>;
  /**
   * Takes lease `name` for `holder` until `now + ttlMs` when it is free or expired (a new
   * token), or extends it when `holder` still holds it (the same token); undefined while
   * another holder's lease runs.
   */
  acquireLease(
    name: string,
    holder: string,
    ttlMs: number,
    now: number,
  ): Promise<Lease | undefined>;
  /** Gives the lease up at once, if it is still held under this token. */
  releaseLease(lease: Lease): Promise<void>;
  /** The lease as stored (held or expired), or undefined if never taken. */
  lease(name: string): Promise<Lease | undefined>;
  checkpoints(): Promise<Checkpoint[]>;
  /**
   * Finishes a batch of `apply` that a crash cut short, so that the next batch finds all of it
   * written or none of it (sqlite: nothing to do, a batch is one transaction; mongodb: a batch
   * is journalled before it is written, and a journalled batch is written again). The writer
   * calls it before it reads the checkpoints it starts from.
   */
  finishInterrupted(): Promise<void>;
  ensureIndex(collection: string, fields: string[]): Promise<void>;
  /**
   * Replaces each `to` collection by its `from` collection (a rebuilt copy), with its indexes,
   * and stores `checkpoints` and drops the `dropCheckpoints`: readers see the old collections
   * or the new ones, never a mix (sqlite: one transaction; mongodb: a rename per collection).
   */
  replaceCollections(
    pairs: [from: string, to: string][],
    checkpoints: Checkpoint[],
    dropCheckpoints: string[],
  ): Promise<void>;
  dropCollection(collection: string): Promise<void>;
  /** The names of the collections that hold documents (not the store's own bookkeeping). */
  collectionNames(): Promise<string[]>;
  /**
   * Leaves nothing overwritten or deleted readable in the store's files: after an erasure
   * (sqlite: freed pages are zeroed as they are freed, and the write-ahead log is checkpointed
   * and truncated; mongodb: an overwritten document is gone from the collection already).
   */
  forget(): Promise<void>;
  close(): Promise<void>;
};

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid for this query');
    this.name = 'InvalidCursorError';
  }
}
