import { onMongo } from '../../../../test/support/ferretdb';
import { keyStoreContract } from './key-store.features';
import { MongoKeyStore } from './mongodb-key-store';

onMongo('key store', 'kroonika_keys_contract', (label, url) => {
  keyStoreContract(label, () => Promise.resolve(new MongoKeyStore(url())));
});
