import { parentPort, workerData } from 'node:worker_threads';

/** What the probe is handed: where to send, what to move and read, how often. */
export type ProbeTask = {
  api: number;
  query: number;
  token: string;
  dealId: string;
  customerId: string;
  stages: string[];
  probes: number;
  everyMs: number;
  /** Waits this long before the first probe. */
  afterMs: number;
};

/** Per probe: ms until the command was acknowledged, and until the query API showed it. */
export type ProbeTimes = { acknowledged: number[]; visible: number[] };

/**
 * Runs in its own thread beside the load generator, so its clock is not held up by it: every
 * `everyMs` it moves one deal to the other stage, reads the customer's 360 with the
 * command's position as X-Min-Position, and checks that the 360 shows the deal in its new
 * stage. A paced probe of a few requests a second measures latency; the load is autocannon's.
 */
const probe = async (task: ProbeTask): Promise<ProbeTimes> => {
  const headers = { authorization: `Bearer ${task.token}`, 'content-type': 'application/json' };
  const times: ProbeTimes = { acknowledged: [], visible: [] };
  await new Promise((r) => setTimeout(r, task.afterMs));
  for (let i = 0; i < task.probes; i++) {
    const stageId = task.stages[(i + 1) % 2]!;
    const next = Date.now() + task.everyMs;
    const start = performance.now();
    const moved = await fetch(`http://127.0.0.1:${task.api}/deals/${task.dealId}/stage`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ stageId }),
    });
    if (!moved.ok) throw new Error(`probe move: ${moved.status} ${await moved.text()}`);
    const { position } = (await moved.json()) as { position: string };
    const acknowledged = performance.now();
    const read = await fetch(`http://127.0.0.1:${task.query}/customers/${task.customerId}`, {
      headers: { ...headers, 'x-min-position': position },
    });
    if (!read.ok) throw new Error(`probe read: ${read.status} ${await read.text()}`);
    const shown = (await read.json()) as {
      deals: { open: { dealId: string; stage: { stageId: string } }[] };
    };
    const visible = performance.now();
    const deal = shown.deals.open.find((d) => d.dealId === task.dealId);
    if (deal?.stage.stageId !== stageId)
      throw new Error('the 360 read at the position misses the move');
    times.acknowledged.push(acknowledged - start);
    times.visible.push(visible - start);
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  return times;
};

// A failed probe rejects unhandled, which ends the thread with an error the bench reports.
void probe(workerData as ProbeTask).then((times) => {
  parentPort!.postMessage(times);
});
