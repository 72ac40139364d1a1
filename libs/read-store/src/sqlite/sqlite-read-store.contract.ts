import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoreContract } from '../read-store.features';
import { SqliteReadStore } from './sqlite-read-store';

const dir = mkdtempSync(join(tmpdir(), 'kroonika-rs-'));
readStoreContract('sqlite', () => Promise.resolve(new SqliteReadStore(join(dir, 'read.db'))));
