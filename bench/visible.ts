import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { measure, measureSteady, percentile, type Measured } from './load';
import { adminToken, children, dataDir, dir, serve } from './processes';
import { dealsToMove } from './setup';
import type { ProbeTask, ProbeTimes } from './visible-probe';

/** The CPU time an app has used so far (its own `process_cpu_seconds_total`), in seconds. */
const cpuSeconds = async (port: number) => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('process_cpu_seconds_total'));
  return Number(line?.slice(line.lastIndexOf(' ') + 1));
};

/** The load's first second, while its connections open and the apps meet it: not probed. */
const RAMP_SECONDS = 1;

const probeIn = (task: ProbeTask) =>
  new Promise<ProbeTimes>((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'visible-probe.js'), { workerData: task });
    worker.once('message', resolve);
    worker.once('error', reject);
  });

/**
 * How the load's commands come: `bursts` — one autocannon run over 32 connections, which sends
 * each second's share at the start of the second as fast as it is answered; `steady` — 50 runs
 * of one connection each, started 20 ms apart (`measureSteady`), so the same rate comes
 * evenly through the second.
 */
export type LoadShape = 'bursts' | 'steady';

/** The steady load's runs: at 1 000 commands/s, 20 at a time every 20 ms. */
export const STEADY_SLOTS = 50;

/**
 * Command → visible under load: the command API, the projector and the query API on one
 * embedded store; autocannon moves 1 000 deals at `rate` commands/s (in `shape`) while a
 * probe in its own thread moves one more deal every 50 ms and reads its customer's 360 with
 * the command's position as X-Min-Position, timing each from sending the command until the
 * 360 answered with the move in it. The probe starts after the load's first second (its
 * connections opening, its first burst), and the load runs that second longer. Each app's
 * CPU time over the load is given as a share of one core: a figure that this machine's noise
 * moves far less than the latencies.
 */
export const commandToVisible = async (rate: number, seconds: number, shape: LoadShape) => {
  const env = {
    HOST: '127.0.0.1',
    EVENT_STORE_URL: `sqlite:${join(dir, `visible-${shape}-events.db`)}`,
    READ_STORE_URL: `sqlite:${join(dir, `visible-${shape}-read.db`)}`,
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_SECOND: '0',
    RATE_LIMIT_PUBLIC_PER_SECOND: '0',
  };
  const api = await serve('apps/command-api/src/main.js', { ...env, COMMAND_API_PORT: '0' });
  const projector = await serve('apps/projector/src/main.js', { ...env, PROJECTOR_PORT: '0' });
  const query = await serve('apps/query-api/src/main.js', { ...env, QUERY_API_PORT: '0' });
  const token = await adminToken();
  const load = await dealsToMove(api, token, 1000);
  const probed = await dealsToMove(api, token, 1, 'Probe OÜ');
  const everyMs = 50;
  const apps = { 'command API': api, projector, 'query API': query };
  const cpuBefore = await Promise.all(Object.values(apps).map(cpuSeconds));
  const started = performance.now();
  const probing = probeIn({
    api,
    query,
    token,
    dealId: probed.deals[0]!,
    customerId: probed.customerId,
    stages: probed.stages,
    probes: Math.floor((seconds * 1000) / everyMs),
    everyMs,
    afterMs: RAMP_SECONDS * 1000,
  });
  const moves = {
    method: 'POST' as const,
    path: (i: number) => `/deals/${load.deals[i % load.deals.length]!}/stage`,
    body: (i: number) =>
      JSON.stringify({ stageId: load.stages[(Math.floor(i / load.deals.length) + 1) % 2] }),
    headers: { authorization: `Bearer ${token}` },
  };
  const moved: Measured =
    shape === 'bursts'
      ? await measure(api, moves, {
          connections: 32,
          seconds: seconds + RAMP_SECONDS,
          warmupSeconds: 0,
          rate,
        })
      : await measureSteady(api, moves, {
          rate,
          slots: STEADY_SLOTS,
          seconds: seconds + RAMP_SECONDS,
        });
  const times = await probing;
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = await Promise.all(Object.values(apps).map(cpuSeconds));
  const cpu = Object.keys(apps).map((name, i) => ({
    name,
    shareOfCore: (cpuAfter[i]! - cpuBefore[i]!) / elapsed,
  }));
  for (const child of children.splice(0)) child.kill('SIGTERM');
  if (moved.failed > 0) throw new Error(`${moved.failed} MoveDealStage commands failed`);
  return {
    moved,
    cpu,
    probes: times.visible.length,
    acknowledged: {
      p50: percentile(times.acknowledged, 50),
      p99: percentile(times.acknowledged, 99),
    },
    visible: { p50: percentile(times.visible, 50), p99: percentile(times.visible, 99) },
  };
};
