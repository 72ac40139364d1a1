import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type Service } from './service';

export const cliEnv = (service: Service) => ({
  ...process.env,
  EVENT_STORE_URL: service.eventStoreUrl,
  READ_STORE_URL: service.readStoreUrl,
  KEY_STORE_URL: service.keyStoreUrl,
  // The apps run in the service's directory, with their ./data there.
  DATA_DIR: join(service.dir, 'data'),
  BLOB_STORE_PATH: join(service.dir, 'data', 'blobs'),
  PROJECTOR_STATUS_URL: `${service.url.projector}/status`,
  COMMAND_API_URL: service.url['command-api'],
  KROONIKA_TOKEN: service.admin.token,
});

/** The CLI in the background, so the test can query the service while it runs. */
export const cliAsync = (service: Service, ...args: string[]) =>
  new Promise<{ status: number | null; stdout: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [join(__dirname, '..', '..', 'scripts', 'kroonika.mjs'), ...args],
      {
        env: cliEnv(service),
      },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (status) => {
      resolve({ status, stdout });
    });
  });

export const cli = (service: Service, ...args: string[]) => cliWith(cliEnv(service), ...args);

/** The CLI with settings of its own (stores other than a service's). */
export const cliWith = (env: Record<string, string | undefined>, ...args: string[]) => {
  const run = spawnSync(
    process.execPath,
    [join(__dirname, '..', '..', 'scripts', 'kroonika.mjs'), ...args],
    { env: { ...process.env, ...env }, encoding: 'utf8' },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};
