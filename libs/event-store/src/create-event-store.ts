import { type EventStore } from './event-store.port';
import { createKeyStore } from './personal-data/create-key-store';
import { SealingEventStore } from './personal-data/sealing-event-store';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { MemoryEventStore } from './memory/memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** `sqlite:./data/events.db` | `esdb://host:2113?tls=false` | `kurrentdb://…` | `memory:` */
export const createEventStore = (url: string): EventStore => {
  if (url.startsWith('sqlite:')) return new SqliteEventStore(url.slice('sqlite:'.length));
  if (
    url.startsWith('esdb:') ||
    url.startsWith('kurrentdb:') ||
    url.startsWith('esdb+discover:') ||
    url.startsWith('kurrentdb+discover:')
  )
    return new EsdbEventStore(url);
  if (url === 'memory:') return new MemoryEventStore();
  throw new Error(`Unsupported EVENT_STORE_URL: ${url}`);
};

/** The event store the service uses: personal data sealed with keys from the key store. */
export const openEventStore = (config: { eventStoreUrl: string; keyStoreUrl: string }) =>
  new SealingEventStore(createEventStore(config.eventStoreUrl), createKeyStore(config.keyStoreUrl));
