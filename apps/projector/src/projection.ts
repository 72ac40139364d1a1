import { type StoredEvent } from '#event-store';
import { asKroonikaEvent, type KroonikaEvent } from '#events';
import { type WriteOp } from '#read-store';

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
