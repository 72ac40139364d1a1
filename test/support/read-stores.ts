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
