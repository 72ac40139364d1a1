export * from './read-store.port';
export * from './create-read-store';
export * from './sqlite/sqlite-read-store';
export * from './mongodb/mongodb-read-store';
export * from './find-all';
export { applyUpdate } from './update-engine';
export { decodeCursor, encodeCursor, withIdTiebreak } from './cursor';
export * from './lease-keeper';
