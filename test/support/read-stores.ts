import { type Service, startService } from './service';
import { ferretDbBinary, type RunningFerretDb, startFerretDb } from './ferretdb';

/** The read stores e2e suites run against: sqlite always, FerretDB when it has been built. */
export type ReadStoreTarget = {
  name: string;
  setup: () => Promise<string | undefined>;
  teardown: () => Promise<void>;
};

export const readStoreTargets = (): ReadStoreTarget[] => {
  const targets: ReadStoreTarget[] = [
    { name: 'sqlite', setup: () => Promise.resolve(undefined), teardown: () => Promise.resolve() },
  ];
  const binary = ferretDbBinary();
  if (binary) {
    let server: RunningFerretDb | undefined;
    targets.push({
      name: 'mongodb (FerretDB 1.24.2)',
      setup: async () => {
        server = await startFerretDb(binary);
        return server.url('kroonika');
      },
      teardown: async () => {
        await server?.stop();
      },
    });
  } else {
    process.stdout.write(
      'e2e on the mongodb read store skipped: no FerretDB binary (run .ci/build-ferretdb.sh)\n',
    );
  }
  return targets;
};

/**
 * Inside `describe.each(readStoreTargets())`: the service started on the target's read store
 * before the suite's tests (with `options`), and stopped, with the store, after them.
 */
export const serviceOn = (
  target: ReadStoreTarget,
  options: Parameters<typeof startService>[0] = {},
  before: () => Promise<Record<string, string>> = () => Promise.resolve({}),
) => {
  const suite = {} as { service: Service };
  beforeAll(async () => {
    const readStoreUrl = await target.setup();
    const env = { ...options.env, ...(await before()) };
    suite.service = await startService({
      ...options,
      env,
      ...(readStoreUrl ? { readStoreUrl } : {}),
    });
  }, 60_000);
  afterAll(async () => {
    await suite.service.stop();
    await target.teardown();
  });
  return suite;
};
