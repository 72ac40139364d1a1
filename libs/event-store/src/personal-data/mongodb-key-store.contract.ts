import {
  ferretDbBinary,
  type RunningFerretDb,
  startFerretDb,
} from '../../../../test/support/ferretdb';
import { keyStoreContract } from './key-store.features';
import { MongoKeyStore } from './mongodb-key-store';

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
  keyStoreContract(external ? 'mongodb' : 'mongodb (FerretDB 1.24.2)', () =>
    Promise.resolve(new MongoKeyStore(external ?? server!.url('kroonika_keys_contract'))),
  );
} else {
  describe('key store contract: mongodb', () => {
    it.skip('SKIPPED: no FerretDB binary (run .ci/build-ferretdb.sh) and no MONGODB_URL', () =>
      undefined);
  });
  process.stdout.write(
    'mongodb key store contract skipped: no FerretDB binary and no MONGODB_URL\n',
  );
}
