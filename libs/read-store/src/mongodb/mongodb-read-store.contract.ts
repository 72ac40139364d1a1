import { onMongo } from '../../../../test/support/ferretdb';
import { readStoreContract } from '../read-store.features';
import { MongoReadStore } from './mongodb-read-store';

onMongo('read store', 'kroonika_contract', (label, url) => {
  readStoreContract(label, () => Promise.resolve(new MongoReadStore(url())));
});
