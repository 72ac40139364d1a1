import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { collections, type CustomerDoc, type PipelineDoc } from '#read-models';
import { SqliteReadStore } from '#read-store';
import { allProjections } from '../apps/projector/src/projections';
import { ProjectionRunner } from '../apps/projector/src/runner/projection-runner';
import { writeHistory } from './history';
import { adminToken, children, dataDir, dir, serve } from './processes';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Latencies of `count` sequential requests (one connection, so each is a latency). */
const latencies = async (port: number, token: string, paths: () => string, count: number) => {
  const times: number[] = [];
  for (let i = 0; i < count + 20; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(`http://127.0.0.1:${port}${paths()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${paths()} answered ${res.status}`);
    if (i >= 20) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
};

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

/**
 * Read latency on a generated history: the history is written straight to the event store,
 * projected, and then the query API answers customer 360s, timeline pages, boards and
 * searches; each is reported as p50/p99 and as a ratio to the API's own no-op route.
 */
export const readLatency = async (scale: number) => {
  const eventsFile = join(dir, 'reads-events.db');
  const readFile = join(dir, 'reads-read.db');
  const events = new SqliteEventStore(eventsFile);
  const total = await writeHistory(events, scale);
  const reads = new SqliteReadStore(readFile);
  const runner = new ProjectionRunner(events, reads, allProjections);
  const started = process.hrtime.bigint();
  await runner.start();
  await runner.caughtUp(await events.headPosition(), 3_600_000);
  const rebuild = Number(process.hrtime.bigint() - started) / 1e9;
  await runner.stop();
  const customers = (await reads.find<CustomerDoc>(collections.customers, {}, { limit: 200 }))
    .items;
  const pipelines = (await reads.find<PipelineDoc>(collections.pipelines, {}, { limit: 20 })).items;
  await reads.close();
  await events.close();

  const env = {
    HOST: '127.0.0.1',
    EVENT_STORE_URL: `sqlite:${eventsFile}`,
    READ_STORE_URL: `sqlite:${readFile}`,
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_SECOND: '0',
    DEFAULT_TIMEZONE: 'UTC',
  };
  // the command API registers the initial admin whose token the reads use
  await serve('apps/command-api/src/main.js', { ...env, COMMAND_API_PORT: '0' });
  const port = await serve('apps/query-api/src/main.js', { ...env, QUERY_API_PORT: '0' });
  const token = adminToken();
  const count = 300;
  const health = await latencies(port, token, () => '/health', count);
  const rows = {
    'customer 360': await latencies(port, token, () => `/customers/${pick(customers)._id}`, count),
    'timeline page (50)': await latencies(
      port,
      token,
      () => `/customers/${pick(customers)._id}/timeline?limit=50`,
      count,
    ),
    'pipeline board': await latencies(
      port,
      token,
      () => `/pipelines/${pick(pipelines)._id}/board?tz=UTC`,
      count,
    ),
    'search (name prefix)': await latencies(
      port,
      token,
      () => `/search?q=${encodeURIComponent(pick(customers).name.slice(0, 4))}`,
      count,
    ),
  };
  for (const child of children.splice(0)) child.kill('SIGTERM');
  return { total, rebuild, health, rows };
};
