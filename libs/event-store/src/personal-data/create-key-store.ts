import { type KeyStore } from './key-store.port';
import { MongoKeyStore } from './mongodb-key-store';
import { SqliteKeyStore } from './sqlite-key-store';

/** `sqlite:./data/keys.db` | `mongodb://host:27017/kroonika_keys` */
export const createKeyStore = (url: string): KeyStore => {
  if (url.startsWith('sqlite:')) return new SqliteKeyStore(url.slice('sqlite:'.length));
  if (url.startsWith('mongodb:') || url.startsWith('mongodb+srv:')) return new MongoKeyStore(url);
  throw new Error(`Unsupported KEY_STORE_URL: ${url}`);
};
