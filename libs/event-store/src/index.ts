export * from './event-store.port';
export * from './create-event-store';
export * from './memory/memory-event-store';
export * from './sqlite/sqlite-event-store';
export * from './esdb/esdb-event-store';
export * from './hash-chain';
export * from './read-log';
