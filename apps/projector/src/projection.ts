import { type StoredEvent } from '#event-store';
import { asKroonikaEvent, type KroonikaEvent } from '#events';
import { type Update, type WriteOp } from '#read-store';

/** A pure projection: what to write for one event. Each has its own checkpoint. */
export type Projection = {
  name: string;
  indexes: [collection: string, fields: string[]][];
  project: (event: StoredEvent) => WriteOp[];
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
