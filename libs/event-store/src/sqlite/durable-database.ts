import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A SQLite file for what must not be lost (events, keys): WAL with synchronous=FULL, so a
 * commit is on disk before it returns; other processes wait up to 10 s for a lock.
 */
export const openDurable = (file: string): Database.Database => {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  return db;
};
