import { join } from 'node:path';
import { type EventStore, readLog, SqliteEventStore } from '#event-store';
import { collections, type CustomerDoc } from '#read-models';
import { type ReadStore, SqliteReadStore } from '#read-store';
import { projectionsFor } from '../apps/projector/src/projections';
import { ProjectionRunner } from '../apps/projector/src/runner/projection-runner';
import { writeHistory } from './history';
import { latency, type Measured } from './load';
import { adminToken, children, dataDir, dir, serve } from './processes';

/** Latencies of `count` requests one after another on one connection (each is a latency). */
const latencies = (port: number, token: string, paths: () => string, count: number) =>
  latency(
    port,
    { method: 'GET', path: paths, headers: { authorization: `Bearer ${token}` } },
    count,
  );

/** Report periods each asked once (months back from 2025-12), so each report is computed. */
const monthsNotAsked = (segmentId: string) => {
  let n = 0;
  return () => {
    const month = 2025 * 12 + 11 - n++;
    const period = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    return `/segments/${segmentId}/report?period=${period}`;
  };
};

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

/** Seconds a runner of every projection takes from where they stand until `head`. */
export const catchUp = async (
  events: EventStore,
  reads: ReadStore,
  head: number,
  timeoutMs = 600_000,
) => {
  const runner = new ProjectionRunner(
    events,
    reads,
    projectionsFor({ timeZone: 'Europe/Tallinn' }),
  );
  const start = process.hrtime.bigint();
  await runner.start();
  await runner.caughtUp(head, timeoutMs);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await runner.stop();
  return seconds;
};

/** Seconds to read the whole global log in pages, the best of three. */
export const rawReadAll = async (events: EventStore) => {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    let read = 0;
    for await (const page of readLog(events, { pageSize: 500 })) read += page.length;
    if (read === 0) throw new Error('the log is empty');
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
};

/** Cursors into a long timeline, so pages deep in it are measured too. */
const timelineCursors = async (port: number, token: string, customerId: string) => {
  const cursors: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await fetch(
      `http://127.0.0.1:${port}/customers/${customerId}/timeline?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    cursor = ((await res.json()) as { nextCursor?: string }).nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return cursors;
};

/**
 * Read latency on a generated history of `customers` customers (10k ≈ 1M events): the
 * history is written straight to the event store and projected (timed next to a raw
 * readAll of the same store), then the query API answers customer 360s, timeline pages of
 * the customer with the longest history, the board of the pipeline with the most open deals,
 * the category and segment reports and searches; each as p50/p99, as a ratio to the API's
 * own no-op route and with its p99 target.
 */
export const readLatency = async (customers: number) => {
  const eventsFile = join(dir, 'reads-events.db');
  const readFile = join(dir, 'reads-read.db');
  const events = new SqliteEventStore(eventsFile);
  const shape = await writeHistory(events, customers);
  const raw = await rawReadAll(events);
  const reads = new SqliteReadStore(readFile);
  const rebuild = await catchUp(events, reads, await events.headPosition(), 3_600_000);
  const sample = (await reads.find<CustomerDoc>(collections.customers, {}, { limit: 200 })).items;
  await reads.close();
  await events.close();

  const env = {
    HOST: '127.0.0.1',
    EVENT_STORE_URL: `sqlite:${eventsFile}`,
    READ_STORE_URL: `sqlite:${readFile}`,
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_SECOND: '0',
    RATE_LIMIT_PUBLIC_PER_SECOND: '0',
    DEFAULT_TIMEZONE: 'UTC',
  };
  // the command API registers the initial admin whose token the reads use
  await serve('apps/command-api/src/main.js', { ...env, COMMAND_API_PORT: '0' });
  const port = await serve('apps/query-api/src/main.js', { ...env, QUERY_API_PORT: '0' });
  const token = await adminToken();
  const count = 300;
  const deep = await timelineCursors(port, token, shape.busiest.customerId);
  const health = await latencies(port, token, () => '/health', count);
  /** The first page of a list, unfiltered, held to the timeline page's target. */
  const firstPage = async (list: string): Promise<[string, number, Measured]> => [
    `${list}, first page (50)${list === 'invoices' ? ' with the totals of all' : ''}`,
    10,
    await latencies(port, token, () => `/${list}`, count),
  ];
  /** Each read with its p99 target in milliseconds (DESIGN.md §7), where it has one. */
  const rows: [name: string, target: number | undefined, measured: Measured][] = [
    [
      'customer 360',
      10,
      await latencies(port, token, () => `/customers/${pick(sample)._id}`, count),
    ],
    [
      `customer 360 of the long-standing account, ${shape.busiest.events} events`,
      10,
      await latencies(port, token, () => `/customers/${shape.busiest.customerId}`, count),
    ],
    [
      `timeline, first page (50), ${shape.busiest.events} events`,
      10,
      await latencies(
        port,
        token,
        () => `/customers/${shape.busiest.customerId}/timeline?limit=50`,
        count,
      ),
    ],
    [
      'timeline, a page deep in it (50)',
      10,
      await latencies(
        port,
        token,
        () => `/customers/${shape.busiest.customerId}/timeline?limit=50&cursor=${pick(deep)}`,
        count,
      ),
    ],
    [
      `board, ${shape.fullest.openDeals} open deals`,
      30,
      await latencies(
        port,
        token,
        () => `/pipelines/${shape.fullest.pipelineId}/board?tz=UTC`,
        count,
      ),
    ],
    [
      'category report (quarter vs previous)',
      undefined,
      await latencies(port, token, () => '/reports/categories?period=2026-Q2', count),
    ],
    [
      'group report (by county, quarter vs previous)',
      undefined,
      await latencies(
        port,
        token,
        () => '/reports/groups?by=county&period=2026-Q1',
        Math.min(count, 50),
      ),
    ],
    [
      'sales forecast (three months ahead, three before)',
      undefined,
      await latencies(
        port,
        token,
        () => '/reports/forecast?from=2026-09&periods=3&past=3&tz=UTC',
        Math.min(count, 50),
      ),
    ],
    [
      'segment report (top, month; kept while the read models stay)',
      20,
      await latencies(
        port,
        token,
        () => `/segments/${shape.segmentId}/report?period=2026-06`,
        Math.min(count, 50),
      ),
    ],
    [
      'segment report (top, a month not asked before: members kept, figures computed)',
      20,
      await latencies(port, token, monthsNotAsked(shape.segmentId), Math.min(count, 50)),
    ],
    [
      'segment report (top by a rule on the clock, a month not asked before: members kept, the rule checked)',
      20,
      await latencies(port, token, monthsNotAsked(shape.momentSegmentId), Math.min(count, 50)),
    ],
    [
      "a member's calendar, one week",
      10,
      await latencies(
        port,
        token,
        () => `/activities?assigneeId=${shape.memberId}&from=2026-03-02&to=2026-03-08`,
        count,
      ),
    ],
    await firstPage('deals'),
    await firstPage('activities'),
    await firstPage('tickets'),
    await firstPage('invoices'),
    [
      'invoices overdue, first page (50) with the totals of all overdue',
      10,
      await latencies(port, token, () => '/invoices?overdue=true', count),
    ],
    [
      'search (name prefix)',
      10,
      await latencies(
        port,
        token,
        () => `/search?q=${encodeURIComponent(pick(sample).name.slice(0, 9))}`,
        count,
      ),
    ],
  ];
  for (const child of children.splice(0)) child.kill('SIGTERM');
  return { shape, rebuild, raw, health, rows };
};
