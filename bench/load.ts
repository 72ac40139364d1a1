import { Agent, request } from 'node:http';

export type Load = {
  method: 'GET' | 'POST';
  path: (i: number) => string;
  body?: (i: number) => string;
  headers?: Record<string, string>;
};

const once = (agent: Agent, port: number, load: Load, i: number) =>
  new Promise<number>((resolve, reject) => {
    const body = load.body?.(i);
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: load.method,
        path: load.path(i),
        headers: {
          ...(body
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
          ...load.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/** Requests per second with `concurrency` keep-alive connections over `seconds`, after a warm-up. */
export const measure = async (
  port: number,
  load: Load,
  options: { concurrency: number; seconds: number; warmupSeconds: number },
) => {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  let counter = 0;
  let ok = 0;
  let failed = 0;
  const run = async (until: number, counting: boolean) => {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (Date.now() < until) {
          const status = await once(agent, port, load, counter++);
          if (!counting) continue;
          if (status >= 200 && status < 300) ok++;
          else failed++;
        }
      }),
    );
  };
  await run(Date.now() + options.warmupSeconds * 1000, false);
  const start = process.hrtime.bigint();
  await run(Date.now() + options.seconds * 1000, true);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  return { perSecond: ok / elapsed, ok, failed };
};
