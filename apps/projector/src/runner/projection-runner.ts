import { type EventStore, type Subscription } from '#event-store';
import { type ReadStore, type WriteOp } from '#read-store';
import { projectBatch, type Projection } from '../projection';
import { batches } from './batches';

export type RunnerStatus = {
  projections: { name: string; checkpoint: number }[];
  checkpoint: number;
  headPosition: number;
  lagEvents: number;
  lagSeconds: number;
  eventsProcessed: number;
  batchesApplied: number;
  running: boolean;
  lastError: string | null;
};

export type RunnerOptions = {
  batchSize?: number;
  waitMs?: number;
  onBatch?: (lastPosition: number) => void;
  /** A batch failed to apply; the runner backs off and resumes from its checkpoints. */
  onError?: (error: unknown) => void;
};

/**
 * One catch-up subscription over the global log from the lowest checkpoint; each batch is
 * projected by every projection still behind it, then written with all checkpoints at once.
 */
export class ProjectionRunner {
  private readonly checkpoints = new Map<string, number>();
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  private processed = 0;
  private applied = 0;
  private stopped = false;
  /** Read through a function: `stop()` flips the flag while the loop awaits. */
  private readonly isStopped = () => this.stopped;
  private lastError: string | null = null;
  private lag:
    | {
        headPosition: number;
        lagEvents: number;
        lagSeconds: number;
        checkpoint: number;
        measuredAt: number;
      }
    | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    private readonly projections: Projection[],
    private readonly options: RunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    for (const p of this.projections)
      for (const [c, fields] of p.indexes) await this.reads.ensureIndex(c, fields);
    const saved = new Map((await this.reads.checkpoints()).map((c) => [c.name, c.position]));
    for (const p of this.projections) this.checkpoints.set(p.name, saved.get(p.name) ?? 0);
    this.loop = this.supervise();
  }

  /** Runs the subscription; after a failure, waits (backing off) and resumes from the checkpoints. */
  private async supervise() {
    for (let failures = 0; !this.stopped;) {
      const applied = this.applied;
      this.subscription = this.events.subscribe(this.lowest());
      try {
        await this.run(this.subscription);
        return;
      } catch (error) {
        await this.subscription.close();
        if (this.isStopped()) return;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(error);
        failures = this.applied > applied ? 1 : failures + 1;
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** failures, 10_000)));
      }
    }
  }

  private lowest() {
    return Math.min(...this.checkpoints.values());
  }

  private async run(subscription: Subscription) {
    for await (const batch of batches(
      subscription,
      this.options.batchSize ?? 2000,
      this.options.waitMs ?? 5,
    )) {
      const last = batch[batch.length - 1]!.position;
      const ops: WriteOp[] = [];
      for (const p of this.projections) {
        const from = this.checkpoints.get(p.name) ?? 0;
        const behind = batch.filter((event) => event.position > from);
        if (behind.length > 0) ops.push(...(await projectBatch(p, behind, this.reads)));
      }
      const checkpoints = this.projections.map((p) => ({
        name: p.name,
        position: Math.max(last, this.checkpoints.get(p.name) ?? 0),
      }));
      await this.reads.apply(ops, checkpoints);
      for (const c of checkpoints) this.checkpoints.set(c.name, c.position);
      this.processed += batch.length;
      this.applied += 1;
      this.options.onBatch?.(last);
      // The embedded stores answer synchronously; let HTTP (status, metrics) in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  /** Resolves when every projection has passed `position`. */
  async caughtUp(position: number, timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.lowest() < position) {
      if (Date.now() > deadline) throw new Error(`Projections did not reach ${position}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Checkpoints are live; head and lag are measured at most every 250 ms. */
  async status(): Promise<RunnerStatus> {
    const checkpoint = this.lowest();
    if (!this.lag || Date.now() - this.lag.measuredAt > 250 || this.lag.checkpoint !== checkpoint)
      this.lag = { ...(await this.measureLag(checkpoint)), checkpoint, measuredAt: Date.now() };
    return {
      projections: this.projections.map((p) => ({
        name: p.name,
        checkpoint: this.checkpoints.get(p.name) ?? 0,
      })),
      checkpoint,
      headPosition: this.lag.headPosition,
      lagEvents: this.lag.lagEvents,
      lagSeconds: this.lag.lagSeconds,
      eventsProcessed: this.processed,
      batchesApplied: this.applied,
      running: this.loop !== undefined && !this.stopped,
      lastError: this.lastError,
    };
  }

  private async measureLag(checkpoint: number) {
    const headPosition = await this.events.headPosition();
    if (checkpoint >= headPosition) return { headPosition, lagEvents: 0, lagSeconds: 0 };
    const dense = this.events.densePositions;
    const behind = await this.events.readAll(checkpoint, { limit: dense ? 1 : 10000 });
    const oldest = behind[0];
    return {
      headPosition,
      lagEvents: dense ? headPosition - checkpoint : behind.length,
      lagSeconds: oldest
        ? Math.max(0, (Date.now() - Date.parse(oldest.metadata.occurredAt)) / 1000)
        : 0,
    };
  }
}
