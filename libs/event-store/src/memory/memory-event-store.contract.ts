import { eventStoreContract } from '../event-store.features';
import { MemoryEventStore } from './memory-event-store';

eventStoreContract('memory', () => Promise.resolve(new MemoryEventStore()));
