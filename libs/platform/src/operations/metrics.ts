import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * The Prometheus metrics of a process (prom-client's default registry): Node's own (event
 * loop lag, heap, GC, handles) and Kroonika's, all named `kroonika_…`. Each process exposes
 * them at `GET /metrics`.
 */
let defaultsCollected = false;

/** Starts Node's default metrics once per process, labelled with the app's name. */
export const collectProcessMetrics = (app: string): void => {
  if (defaultsCollected) return;
  defaultsCollected = true;
  register.setDefaultLabels({ app });
  collectDefaultMetrics({ register });
};

const metric = <T>(name: string, create: () => T): T =>
  (register.getSingleMetric(name) as T | undefined) ?? create();

/** HTTP latency per route template (never the raw URL: ids and tokens stay out). */
export const httpDuration = metric(
  'kroonika_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'kroonika_http_request_duration_seconds',
      help: 'Time from the request to the last byte of its answer, per method, route and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);

/** Commands by route and outcome: accepted (2xx), refused (4xx), failed (5xx). */
export const commandOutcomes = metric(
  'kroonika_commands_total',
  () =>
    new Counter({
      name: 'kroonika_commands_total',
      help: 'Commands answered, per route and outcome (accepted, refused, failed).',
      labelNames: ['route', 'outcome'] as const,
    }),
);

/** Appends to the event log, durable commit (fsync) included. */
export const appendDuration = metric(
  'kroonika_event_append_duration_seconds',
  () =>
    new Histogram({
      name: 'kroonika_event_append_duration_seconds',
      help: 'Time to append to the event log, the durable commit (fsync) included.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    }),
);

/** Rounds of background duties that failed, per duty. */
export const workerErrors = metric(
  'kroonika_worker_errors_total',
  () =>
    new Counter({
      name: 'kroonika_worker_errors_total',
      help: 'Rounds of a background duty that ended in an error, per duty.',
      labelNames: ['duty'] as const,
    }),
);

/**
 * A gauge read when Prometheus scrapes: `read` answers the current values by label set.
 * A failing read leaves the gauge empty for that scrape rather than failing the scrape.
 */
export const scrapedGauge = <L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  read: () => Promise<{ labels: Partial<Record<L, string>>; value: number }[]>,
): Gauge<L> =>
  metric(
    name,
    () =>
      new Gauge<L>({
        name,
        help,
        labelNames,
        async collect() {
          this.reset();
          try {
            for (const { labels, value } of await read()) this.set(labels, value);
          } catch {
            // The store is unreachable: readiness says so; the scrape still answers.
          }
        },
      }),
  );

export const metricsText = (): Promise<string> => register.metrics();
export const metricsContentType = register.contentType;

/** Times every append of `store` in `kroonika_event_append_duration_seconds`. */
export const timedAppends = <S extends { append(...args: never[]): Promise<unknown> }>(
  store: S,
): S => {
  const append = store.append.bind(store) as (...args: unknown[]) => Promise<unknown>;
  const timed = async (...args: unknown[]) => {
    const stop = appendDuration.startTimer();
    try {
      return await append(...args);
    } finally {
      stop();
    }
  };
  return Object.assign(store, { append: timed });
};
