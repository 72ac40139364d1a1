import { type StoredEvent } from '#event-store';
import { asKroonikaEvent, type KroonikaEvent } from '#events';
import { applyUpdate, type Doc, type ReadStore, type Update, type WriteOp } from '#read-store';

/** A document of the projection's own collections as it was just before the event. */
export type Lookup = (collection: string, id: string) => Doc | undefined;

/**
 * A pure projection: what to write for one event. Each has its own checkpoint. A projection
 * that needs state it keeps itself (a deal's value when the deal moves stage) keeps it in its
 * `state` collections and names the documents an event needs in `reads`; `project` then sees
 * them as they were just before the event. It reads only its own collections, so rebuilding
 * it alone gives the same documents.
 */
export type Projection = {
  name: string;
  indexes: [collection: string, fields: string[]][];
  state?: {
    collections: string[];
    reads: (event: StoredEvent) => [collection: string, id: string][];
    /**
     * Documents an event needs that only its other state documents name (a customer's newest
     * open deal, named in the customer's document): asked with the documents of `reads` as they
     * are just before the event, and fetched before it is projected.
     */
    named?: (event: StoredEvent, state: Lookup) => [collection: string, id: string][];
  };
  project: (event: StoredEvent, state: Lookup) => WriteOp[];
  /**
   * The installation's settings its documents are filed by (a day in the business's time
   * zone), for those that depend on them. The runner records them with the documents; when
   * they change, the projection is rebuilt under the new ones (ADR 0046).
   */
  settings?: ProjectionSettings;
};

/**
 * What a projection takes from the installation: the business's time zone
 * (`DEFAULT_TIMEZONE`), whose calendar days and months file what happened at an instant — a
 * meeting at 00:30 in Tallinn is on that day there, not on the day before as in UTC.
 */
export type ProjectionSettings = { readonly timeZone: string };

/**
 * Where the runner records the settings each projection's documents were filed by: one
 * document per projection, named by its checkpoint.
 */
export const SETTINGS_COLLECTION = 'projection_settings';

/** Settings recorded for a projection that differ from `settings`. */
export const settingsChanged = (recorded: Doc | undefined, settings: ProjectionSettings) =>
  recorded !== undefined &&
  Object.entries(settings).some(([key, value]) => recorded[key] !== value);

/** What was recorded for each of `settings`' keys (the recorded document holds its id too). */
export const recordedSettings = (recorded: Doc, settings: ProjectionSettings) =>
  Object.fromEntries(Object.keys(settings).map((key) => [key, recorded[key]]));

/** The writes that record a projection's settings (whatever was recorded before). */
export const recordSettings = (
  name: string,
  settings: ProjectionSettings,
  position: number,
): WriteOp[] => [
  { kind: 'delete', collection: SETTINGS_COLLECTION, id: name },
  {
    kind: 'upsert',
    collection: SETTINGS_COLLECTION,
    id: name,
    position,
    update: { $set: settings },
  },
];

/** The position of the last event written into a state document. */
export const APPLIED = '_position';

const nothing: Lookup = () => undefined;

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * The writes of a projection for a batch of events. The state documents the events read are
 * fetched once, then kept current in memory as the batch's own writes change them; a document
 * only the state names is fetched when an event first names it, with the batch's writes to it
 * so far. Each write to a state document records its event's position; an event that finds a
 * document it reads already at or past its own position was applied before (a batch replayed
 * after a crash between its writes and its checkpoint) and is skipped, so it never reads a
 * later state.
 */
export const projectBatch = async (
  projection: Projection,
  events: StoredEvent[],
  store: Pick<ReadStore, 'getMany'>,
): Promise<WriteOp[]> => {
  const { state: kept } = projection;
  if (!kept) return events.flatMap((e) => projection.project(e, nothing));
  const stateful = new Set(kept.collections);
  const wanted = new Map<string, Set<string>>();
  const reads = events.map((e) => kept.reads(e));
  for (const [collection, id] of reads.flat())
    (wanted.get(collection) ?? wanted.set(collection, new Set()).get(collection)!).add(id);
  const state = new Map<string, Doc | undefined>();
  for (const [collection, ids] of wanted) {
    const found = await store.getMany(collection, ids);
    for (const id of ids) state.set(keyOf(collection, id), found.get(id));
  }
  const lookup: Lookup = (collection, id) => state.get(keyOf(collection, id));
  const ops: WriteOp[] = [];
  /** The batch's writes so far to each document not (yet) in `state`, in order. */
  const unread = new Map<string, WriteOp[]>();
  /** Named documents as stored, with what the batch wrote to them so far. */
  const fetchNamed = async (named: [string, string][]) => {
    const missing = named.filter(([c, id]) => !state.has(keyOf(c, id)));
    for (const [collection, id] of missing) {
      const key = keyOf(collection, id);
      let doc = (await store.getMany(collection, new Set([id]))).get(id);
      for (const op of unread.get(key) ?? [])
        doc = op.kind === 'upsert' ? applyUpdate(doc, id, op.update, true) : undefined;
      unread.delete(key);
      state.set(key, doc);
    }
  };
  for (const [i, e] of events.entries()) {
    const named = kept.named?.(e, lookup) ?? [];
    if (named.length > 0) await fetchNamed(named);
    const past = ([c, id]: [string, string]) => {
      const position = lookup(c, id)?.[APPLIED];
      return typeof position === 'number' && position >= e.position;
    };
    if (reads[i]!.some(past) || named.some(past)) continue;
    for (const op of projection.project(e, lookup)) {
      const write: WriteOp =
        op.kind === 'upsert' && stateful.has(op.collection)
          ? { ...op, update: { ...op.update, $max: { ...op.update.$max, [APPLIED]: e.position } } }
          : op;
      ops.push(write);
      if (write.kind === 'setWhere' || write.kind === 'deleteWhere') continue;
      const key = keyOf(write.collection, write.id);
      if (!state.has(key)) {
        if (kept.named) (unread.get(key) ?? unread.set(key, []).get(key)!).push(write);
        continue;
      }
      state.set(
        key,
        write.kind === 'delete'
          ? undefined
          : applyUpdate(state.get(key), write.id, write.update, true),
      );
    }
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

/** The collection a rebuild writes instead of `collection`. */
export const rebuildName = (collection: string) => `${collection}__rebuild`;

/**
 * The same projection writing into, and reading from, rebuild copies of its collections,
 * under its own checkpoint: it can run from the start of the log beside the live one.
 */
export const rebuilding = (projection: Projection, written: Set<string>): Projection => {
  const { state } = projection;
  const named = state?.named;
  const rename = (op: WriteOp): WriteOp => {
    written.add(op.collection);
    return { ...op, collection: rebuildName(op.collection) };
  };
  return {
    name: rebuildName(projection.name),
    indexes: projection.indexes.map(([c, fields]) => [rebuildName(c), fields]),
    ...(projection.settings ? { settings: projection.settings } : {}),
    ...(state
      ? {
          state: {
            collections: state.collections.map(rebuildName),
            reads: (event) => state.reads(event).map(([c, id]) => [rebuildName(c), id]),
            ...(named
              ? {
                  named: (event: StoredEvent, lookup: Lookup) =>
                    named(event, (c, id) => lookup(rebuildName(c), id)).map(
                      ([c, id]): [string, string] => [rebuildName(c), id],
                    ),
                }
              : {}),
          },
        }
      : {}),
    project: (event, lookup) =>
      projection.project(event, (c, id) => lookup(rebuildName(c), id)).map(rename),
  };
};

/** The collections a projection is known to write before it has run: indexed and state ones. */
export const declaredCollections = (projection: Projection): string[] => [
  ...new Set([...projection.indexes.map(([c]) => c), ...(projection.state?.collections ?? [])]),
];
