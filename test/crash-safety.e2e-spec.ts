import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { createReadStore } from '#read-store';
import { writeHistory } from '../bench/history';
import { ferretDbBinary, type RunningFerretDb, startFerretDb } from './support/ferretdb';
import { readModelHash } from './support/read-model-hash';
import { http, type Service, startService } from './support/service';

type Status = { checkpoint: number; headPosition: number };

const status = async (service: Service) =>
  (await http<Status>('GET', `${service.url.projector}/status`)).body;

const waitUntil = async (service: Service, done: (s: Status) => boolean, timeoutMs = 600_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status(service);
    if (done(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out at ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * Writes a history, lets the projector catch up while killing it with SIGKILL at four points,
 * then compares a digest of every read model with a clean rebuild from the same log.
 */
const projectorCrashes = async (
  customers: number,
  batchSize: number,
  readStores: { crashed?: string; clean: (dir: string) => string },
) => {
  // Small batches make the catch-up long enough to be interrupted at chosen points.
  const crashed = await startService({
    apps: [],
    env: { PROJECTOR_BATCH_SIZE: String(batchSize) },
    ...(readStores.crashed ? { readStoreUrl: readStores.crashed } : {}),
  });
  const events = new SqliteEventStore(crashed.eventStoreUrl.slice('sqlite:'.length));
  const { events: written } = await writeHistory(events, customers);
  const head = await events.headPosition();
  await events.close();

  const killedAt: number[] = [];
  try {
    for (const fraction of [0.05, 0.3, 0.55, 0.8]) {
      await crashed.start('projector');
      killedAt.push((await waitUntil(crashed, (s) => s.checkpoint >= head * fraction)).checkpoint);
      await crashed.kill('projector', 'SIGKILL');
    }
    await crashed.start('projector');
    await waitUntil(crashed, (s) => s.checkpoint === head);
  } finally {
    // a timed-out wait must not leave a projector running after the suite
    await crashed.stop();
  }
  process.stdout.write(`projector killed at ${killedAt.join(', ')} of ${head}\n`);

  const clean = await startService({
    apps: [],
    env: { PROJECTOR_BATCH_SIZE: String(batchSize) },
    eventStoreUrl: crashed.eventStoreUrl,
    readStoreUrl: readStores.clean(crashed.dir),
  });
  try {
    await clean.start('projector');
    await waitUntil(clean, (s) => s.checkpoint === head);
  } finally {
    await clean.stop();
  }

  const afterCrashes = createReadStore(crashed.readStoreUrl);
  const rebuilt = createReadStore(clean.readStoreUrl);
  const digests = [await readModelHash(afterCrashes), await readModelHash(rebuilt)];
  await afterCrashes.close();
  await rebuilt.close();
  return { written, head, killedAt, digests };
};

describe('crash safety', () => {
  it('kill -9 of the projector at several points of a 50k-event catch-up ends equal to a clean rebuild', async () => {
    const { written, head, killedAt, digests } = await projectorCrashes(500, 100, {
      clean: (dir) => `sqlite:${join(dir, 'rebuild.db')}`,
    });
    expect(written).toBeGreaterThanOrEqual(50_000);
    expect(killedAt.filter((p) => p > 0 && p < head).length).toBeGreaterThanOrEqual(3);
    expect(digests[0]!.counts['timeline_v4']).toBeGreaterThan(40_000);
    expect(digests[0]).toEqual(digests[1]);
  }, 600_000);

  const binary = ferretDbBinary();
  const onFerretDb =
    'does the same on the mongodb read store (FerretDB), where a batch is no transaction (journalled, finished after a crash)';
  (binary ? it : it.skip)(
    binary ? onFerretDb : `SKIPPED: no FerretDB binary (run .ci/build-ferretdb.sh): ${onFerretDb}`,
    async () => {
      let server: RunningFerretDb | undefined;
      try {
        server = await startFerretDb(binary!);
        const { head, killedAt, digests } = await projectorCrashes(8, 10, {
          crashed: server.url('crashed'),
          clean: () => server!.url('rebuild'),
        });
        expect(killedAt.filter((p) => p > 0 && p < head).length).toBeGreaterThanOrEqual(3);
        expect(digests[0]!.counts['timeline_v4']).toBeGreaterThan(500);
        expect(digests[0]).toEqual(digests[1]);
      } finally {
        await server?.stop();
      }
    },
    1_200_000,
  );

  it('keeps every command that got a 2xx when the command API is killed -9 under load', async () => {
    // The load comes from one token: no rate limit, so the process is busy when it dies.
    const service = await startService({
      apps: ['command-api'],
      env: { RATE_LIMIT_PER_SECOND: '0' },
    });
    const acknowledged: { id: string; position: number }[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        try {
          const reply = await http<{ id: string; position: number }>(
            'POST',
            `${service.url['command-api']}/leads`,
            { leadId: randomUUID(), personName: 'Load', source: 'bench' },
            { authorization: `Bearer ${service.admin.token}` },
          );
          if (reply.status === 201) acknowledged.push(reply.body);
        } catch {
          // the server is gone: this request was never acknowledged
        }
      }
    };
    const clients = Array.from({ length: 16 }, client);
    await new Promise((r) => setTimeout(r, 1500));
    await service.kill('command-api', 'SIGKILL');
    running = false;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(100);

    const store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
    const missing: string[] = [];
    for (const { id, position } of acknowledged) {
      const stream = await store.readStream(`lead-${id}`);
      if (stream.length !== 1 || stream[0]!.position !== position) missing.push(id);
    }
    await store.close();
    expect(missing).toEqual([]);

    await service.start('command-api');
    const after = await http(
      'POST',
      `${service.url['command-api']}/leads`,
      { personName: 'After', source: 'web' },
      { authorization: `Bearer ${service.admin.token}` },
    );
    expect(after.status).toBe(201);
    await service.stop();
  }, 120_000);
});
