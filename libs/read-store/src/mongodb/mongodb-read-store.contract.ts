import {
  ferretDbBinary,
  type RunningFerretDb,
  startFerretDb,
} from '../../../../test/support/ferretdb';
import { readStoreContract } from '../read-store.features';
import { MongoReadStore } from './mongodb-read-store';

const binary = ferretDbBinary();
const external = process.env['MONGODB_URL'];

if (binary || external) {
  let server: RunningFerretDb | undefined;
  beforeAll(async () => {
    if (!external && binary) server = await startFerretDb(binary);
  }, 30000);
  afterAll(async () => {
    await server?.stop();
  });
  readStoreContract(external ? 'mongodb' : 'mongodb (FerretDB 1.24.2)', () =>
    Promise.resolve(new MongoReadStore(external ?? server!.url('kroonika_contract'))),
  );
} else {
  describe('read store contract: mongodb', () => {
    it.skip('SKIPPED: no FerretDB binary (run .ci/build-ferretdb.sh) and no MONGODB_URL', () =>
      undefined);
  });
  process.stdout.write(
    'mongodb read store contract skipped: no FerretDB binary and no MONGODB_URL\n',
  );
}
