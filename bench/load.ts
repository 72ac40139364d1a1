import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';

export type Load = {
  method: 'GET' | 'POST';
  path: (i: number) => string;
  body?: (i: number) => string;
  headers?: Record<string, string>;
};

/** What one measurement gives: rate, latency, and how busy the generator itself was. */
export type Measured = {
  perSecond: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  connections: number;
  /** The load generator's own CPU time ÷ wall time (1 = one core busy all the time). */
  generatorCpu: number;
};

/** A generator this busy is the bottleneck, not the server. */
export const SATURATED = 0.9;

export const cores = availableParallelism();

/** The p-th percentile of `values` (nearest rank). */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** How one run of autocannon is driven. */
type RunOptions = {
  connections: number;
  limit: { seconds: number } | { amount: number };
  /** Requests per second over all connections, counted per second from the run's start. */
  overallRate?: number;
  /** The sequence number of the next request; runs driven together share one. */
  next?: () => number;
  /** Called with the time of every answer, in ms. */
  answered?: (ms: number) => void;
};

const counter = () => {
  let sequence = 0;
  return () => sequence++;
};

/**
 * One run of autocannon against 127.0.0.1:`port`: for `seconds`, or `amount` requests; each
 * request built by `load` with its own sequence number. The generator runs in this process,
 * which does nothing else meanwhile, so this process's CPU use is the generator's.
 */
const run = async (port: number, load: Load, options: RunOptions): Promise<Measured> => {
  const { connections, limit, overallRate, next = counter(), answered } = options;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  // The callback form gives the instance, whose 'response' events time every answer.
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
        ...(overallRate === undefined ? {} : { overallRate }),
        requests: [
          {
            method: load.method,
            setupRequest: (request) => {
              const i = next();
              const body = load.body?.(i);
              return {
                ...request,
                path: load.path(i),
                ...(body === undefined ? {} : { body }),
                headers: {
                  ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                  ...load.headers,
                },
              };
            },
          },
        ],
      },
      (error: Error | null, done: autocannon.Result) => {
        if (error) reject(error);
        else resolve(done);
      },
    );
    if (answered)
      instance.on('response', (_client, _status, _bytes, ms) => {
        answered(ms);
      });
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const ok = result['2xx'];
  return {
    perSecond: ok / result.duration,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    connections,
    generatorCpu: (used.user + used.system) / 1e6 / elapsed,
  };
};

/**
 * Requests per second over `seconds` with `connections` keep-alive connections, after a
 * warm-up; with `rate`, paced at that many requests per second over all connections.
 */
export const measure = async (
  port: number,
  load: Load,
  options: { connections: number; seconds: number; warmupSeconds: number; rate?: number },
): Promise<Measured> => {
  const { connections, rate: overallRate } = options;
  if (options.warmupSeconds > 0)
    await run(port, load, { connections, limit: { seconds: options.warmupSeconds }, overallRate });
  return run(port, load, { connections, limit: { seconds: options.seconds }, overallRate });
};

/**
 * `rate` requests/s held steady: autocannon paces a run by the second, sending each second's
 * share at its start as fast as it is answered, so one run at 1 000/s is a burst of 1 000
 * requests each second. Here `slots` runs of `rate ÷ slots` a second each, on one connection
 * apiece, start `1000 ÷ slots` ms apart and share one sequence of requests: at most
 * `rate ÷ slots` requests come at once. p50 and p99 are over every answer of every run.
 */
export const measureSteady = async (
  port: number,
  load: Load,
  options: { rate: number; slots: number; seconds: number },
): Promise<Measured> => {
  const { rate, slots, seconds } = options;
  if (rate % slots !== 0) throw new Error(`a rate of ${rate}/s does not split into ${slots} slots`);
  const next = counter();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const runs = await Promise.all(
    Array.from({ length: slots }, async (_, slot) => {
      await new Promise((r) => setTimeout(r, (slot * 1000) / slots));
      return run(port, load, {
        connections: 1,
        limit: { seconds },
        overallRate: rate / slots,
        next,
        answered: (ms) => times.push(ms),
      });
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const ok = runs.reduce((sum, r) => sum + r.ok, 0);
  return {
    perSecond: ok / seconds,
    ok,
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    connections: slots,
    generatorCpu: (used.user + used.system) / 1e6 / elapsed,
  };
};

/** Latency of `amount` requests one after another on one connection, after 20 unmeasured. */
export const latency = async (port: number, load: Load, amount: number): Promise<Measured> => {
  await run(port, load, { connections: 1, limit: { amount: 20 } });
  const measured = await run(port, load, { connections: 1, limit: { amount } });
  if (measured.failed > 0) throw new Error(`${measured.failed} of ${amount} requests failed`);
  return measured;
};

/** `rate/s (p50 … ms, p99 … ms, generator at …% of a core)`, marked when it was the bottleneck. */
export const described = (m: Measured) =>
  `${m.perSecond.toFixed(0).padStart(7)}/s  p50 ${m.p50.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  ` +
  `generator ${(m.generatorCpu * 100).toFixed(0)}% of a core${m.generatorCpu >= SATURATED ? ' (SATURATED: the figure is the generator’s limit)' : ''}`;
