import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A database and its WAL are readable by their owner only, whatever mode they were made with
 * (SQLite gives the WAL and shared-memory files the mode of the database).
 */
export const ownerOnly = (file: string): void => {
  if (file === ':memory:') return;
  for (const path of [file, `${file}-wal`, `${file}-shm`])
    if (existsSync(path)) chmodSync(path, 0o600);
};

/**
 * How every connection to a durable file is set: WAL with synchronous=FULL (a commit is on
 * disk before it returns), deleted content zeroed (keys destroyed at an erasure), and a wait
 * of up to 10 s for another connection's lock.
 */
export const durablePragmas = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'secure_delete = ON',
  'busy_timeout = 10000',
];

/**
 * A SQLite file for what must not be lost (events, keys): WAL with synchronous=FULL, so a
 * commit is on disk before it returns; other processes wait up to 10 s for a lock.
 */
export const openDurable = (file: string): Database.Database => {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  ownerOnly(file);
  for (const pragma of durablePragmas) db.pragma(pragma);
  return db;
};
