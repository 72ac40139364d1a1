import { upcast } from '#events';
import { type StoredEvent } from './event-store.port';

/** Every adapter hands out events lifted to the current schema of their type. */
export const upcastStored = (event: StoredEvent): StoredEvent => {
  const lifted = upcast(event.type, event.metadata.schemaVersion, event.data);
  if (lifted.schemaVersion === event.metadata.schemaVersion) return event;
  return {
    ...event,
    data: lifted.data,
    metadata: { ...event.metadata, schemaVersion: lifted.schemaVersion },
  };
};
