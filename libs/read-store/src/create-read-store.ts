import { MongoReadStore } from './mongodb/mongodb-read-store';
import { type ReadStore } from './read-store.port';
import { SqliteReadStore } from './sqlite/sqlite-read-store';

/** `sqlite:./data/read.db` | `mongodb://host:27017/kroonika` */
export const createReadStore = (url: string): ReadStore => {
  if (url.startsWith('sqlite:')) return new SqliteReadStore(url.slice('sqlite:'.length));
  if (url.startsWith('mongodb:') || url.startsWith('mongodb+srv:')) return new MongoReadStore(url);
  throw new Error(`Unsupported READ_STORE_URL: ${url}`);
};
