import { eventStoreContract } from '../event-store.features';
import { MemoryEventStore } from './memory-event-store';

eventStoreContract('memory', () => Promise.resolve(new MemoryEventStore()));
eventStoreContract('memory, positions per commit as in EventStoreDB', () =>
  Promise.resolve(new MemoryEventStore({ positions: 'per-commit' })),
);
