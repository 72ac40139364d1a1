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

/**
 * One run of autocannon against 127.0.0.1:`port`: for `seconds`, or `amount` requests; each
 * request built by `load` with its own sequence number. The generator runs in this process,
 * which does nothing else meanwhile, so this process's CPU use is the generator's.
 */
const run = async (
  port: number,
  load: Load,
  connections: number,
  limit: { seconds: number } | { amount: number },
  overallRate?: number,
): Promise<Measured> => {
  let sequence = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
    ...(overallRate === undefined ? {} : { overallRate }),
    requests: [
      {
        method: load.method,
        setupRequest: (request) => {
          const i = sequence++;
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
  if (options.warmupSeconds > 0)
    await run(port, load, options.connections, { seconds: options.warmupSeconds }, options.rate);
  return run(port, load, options.connections, { seconds: options.seconds }, options.rate);
};

/** Latency of `amount` requests one after another on one connection, after 20 unmeasured. */
export const latency = async (port: number, load: Load, amount: number): Promise<Measured> => {
  await run(port, load, 1, { amount: 20 });
  const measured = await run(port, load, 1, { amount });
  if (measured.failed > 0) throw new Error(`${measured.failed} of ${amount} requests failed`);
  return measured;
};

/** `rate/s (p50 … ms, p99 … ms, generator at …% of a core)`, marked when it was the bottleneck. */
export const described = (m: Measured) =>
  `${m.perSecond.toFixed(0).padStart(7)}/s  p50 ${m.p50.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  ` +
  `generator ${(m.generatorCpu * 100).toFixed(0)}% of a core${m.generatorCpu >= SATURATED ? ' (SATURATED: the figure is the generator’s limit)' : ''}`;
