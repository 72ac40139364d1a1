import { type Provider } from '@nestjs/common';
import {
  createEventStore,
  createKeyStore,
  type EventStore,
  type KeyStore,
  SealingEventStore,
} from '#event-store';
import { readConfig, timedAppends } from '#platform';
import { createReadStore, type ReadStore } from '#read-store';
import { KEY_STORE } from './personal-data-keys';
import { AggregateRepository } from './aggregate-repository';
import { CommandReads, ReadSide } from './read-side';

export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_STORE = Symbol('READ_STORE');

/**
 * The stores of a process that handles commands: the event store (sealing personal data with
 * the key store's keys), the read store it consults, and the repository over them.
 */
export const storeProviders: Provider[] = [
  { provide: KEY_STORE, useFactory: (): KeyStore => createKeyStore(readConfig().keyStoreUrl) },
  {
    // Closing the event store closes the key store too.
    provide: EVENT_STORE,
    useFactory: (keys: KeyStore): EventStore =>
      timedAppends(new SealingEventStore(createEventStore(readConfig().eventStoreUrl), keys)),
    inject: [KEY_STORE],
  },
  {
    provide: READ_STORE,
    useFactory: (): ReadStore => createReadStore(readConfig().readStoreUrl),
  },
  {
    provide: AggregateRepository,
    useFactory: (store: EventStore) => new AggregateRepository(store),
    inject: [EVENT_STORE],
  },
  {
    provide: ReadSide,
    useFactory: (reads: ReadStore) => new ReadSide(reads),
    inject: [READ_STORE],
  },
  {
    provide: CommandReads,
    useFactory: (reads: ReadStore) => new CommandReads(reads),
    inject: [READ_STORE],
  },
];
