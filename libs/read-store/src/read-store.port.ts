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

export type Page<T> = { items: T[]; nextCursor?: string };

export type FindOptions = { sort?: SortSpec; limit?: number; cursor?: string };

export type ReadStore = {
  get<T extends Doc>(collection: string, id: string): Promise<T | undefined>;
  find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<Page<T>>;
  count(collection: string, filter: Filter): Promise<number>;
  /** Applies writes in order, then stores the checkpoints (sqlite: in one transaction). */
  apply(ops: WriteOp[], checkpoints: Checkpoint[]): Promise<void>;
  checkpoints(): Promise<Checkpoint[]>;
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
