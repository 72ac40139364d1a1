import { type StoredEvent } from '#event-store';
import { asKroonikaEvent, type KroonikaEvent } from '#events';
import {
  applyUpdate,
  byIds,
  type Doc,
  type ReadStore,
  type Update,
  type WriteOp,
} from '#read-store';

/** A document of the projection's own collections as it was just before the event. */
export type Lookup = (collection: string, id: string) => Doc | undefined;

/**
 * A pure projection: what to write for one event. Each has its own checkpoint. A projection
 * that needs state it keeps itself (a deal's value when the deal moves stage) names the
 * documents in `reads`; `project` then sees them as they were just before the event. It may
 * read only its own collections, so rebuilding it alone gives the same documents.
 */
export type Projection = {
  name: string;
  indexes: [collection: string, fields: string[]][];
  reads?: (event: StoredEvent) => [collection: string, id: string][];
  project: (event: StoredEvent, state: Lookup) => WriteOp[];
};

const nothing: Lookup = () => undefined;

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * The writes of a projection for a batch of events. The documents the events read are fetched
 * once, then kept current in memory as the batch's own writes change them.
 */
export const projectBatch = async (
  projection: Projection,
  events: StoredEvent[],
  store: Pick<ReadStore, 'find'>,
): Promise<WriteOp[]> => {
  const reads = projection.reads;
  if (!reads) return events.flatMap((e) => projection.project(e, nothing));
  const wanted = new Map<string, Set<string>>();
  for (const e of events)
    for (const [collection, id] of reads(e))
      (wanted.get(collection) ?? wanted.set(collection, new Set()).get(collection)!).add(id);
  const state = new Map<string, Doc | undefined>();
  for (const [collection, ids] of wanted) {
    const found = await byIds(store, collection, ids);
    for (const id of ids) state.set(keyOf(collection, id), found.get(id));
  }
  const lookup: Lookup = (collection, id) => state.get(keyOf(collection, id));
  const ops: WriteOp[] = [];
  for (const e of events) {
    const written = projection.project(e, lookup);
    for (const op of written) {
      if (op.kind === 'setWhere') continue;
      const key = keyOf(op.collection, op.id);
      if (!state.has(key)) continue;
      state.set(
        key,
        op.kind === 'delete' ? undefined : applyUpdate(state.get(key), op.id, op.update, true),
      );
    }
    ops.push(...written);
  }
  return ops;
};

/** Narrows a stored event to the typed union; other types project to nothing. */
export const typed = (
  event: StoredEvent,
  project: (e: KroonikaEvent, stored: StoredEvent) => WriteOp[],
): WriteOp[] => {
  const known = asKroonikaEvent(event.type, event.data);
  return known ? project(known, event) : [];
};

/** One upsert of a document, guarded by the position of the event it comes from. */
export const upsert = (
  stored: StoredEvent,
  collection: string,
  id: string,
  update: Update,
): WriteOp[] => [{ kind: 'upsert', collection, id, position: stored.position, update }];
