import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cached = resolve(__dirname, '../../.cache/ferretdb/ferretdb-v1.24.2');

/** The FerretDB binary built by `.ci/build-ferretdb.sh`, if any. */
export const ferretDbBinary = (): string | undefined => {
  const fromEnv = process.env['FERRETDB_BIN'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return existsSync(cached) ? cached : undefined;
};

const anyPort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        done(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });

const handedOut = new Set<number>();

/**
 * A loopback port free now and never handed out before in this process: the system may offer
 * a port it just took back again, and two apps of one service told the same port collide.
 */
export const freePort = async (): Promise<number> => {
  for (;;) {
    const port = await anyPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
};

export type RunningFerretDb = { url: (db: string) => string; stop: () => Promise<void> };

/** Starts FerretDB (SQLite backend) on 127.0.0.1 with telemetry disabled. */
export const startFerretDb = async (binary: string): Promise<RunningFerretDb> => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kroonika-ferretdb-'));
  const child: ChildProcess = spawn(
    binary,
    [
      `--listen-addr=127.0.0.1:${port}`,
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--log-level=error',
      '--debug-addr=127.0.0.1:0',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 20000;
  for (;;) {
    const ok = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => {
        done(false);
      });
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('FerretDB did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: (db) => `mongodb://127.0.0.1:${port}/${db}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * A port's contract on the mongodb protocol: against `MONGODB_URL` when set, else against a
 * FerretDB started for the file (built by .ci/build-ferretdb.sh), else skipped, saying so.
 * `suite` gets the adapter's label and the URL of a database named `database`.
 */
export const onMongo = (
  port: string,
  database: string,
  suite: (label: string, url: () => string) => void,
) => {
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
    suite(external ? 'mongodb' : 'mongodb (FerretDB 1.24.2)', () =>
      external ? external : server!.url(database),
    );
  } else {
    describe(`${port} contract: mongodb`, () => {
      it.skip('SKIPPED: no FerretDB binary (run .ci/build-ferretdb.sh) and no MONGODB_URL', () =>
        undefined);
    });
    process.stdout.write(
      `mongodb ${port} contract skipped: no FerretDB binary and no MONGODB_URL\n`,
    );
  }
};
