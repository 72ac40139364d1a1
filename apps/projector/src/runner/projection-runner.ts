import { type EventStore, type Subscription } from '#event-store';
import { FencedOutError, type LeaseKeeper, type ReadStore, type WriteOp } from '#read-store';
import {
  declaredCollections,
  projectBatch,
  type Projection,
  type ProjectionSettings,
  rebuilding,
  rebuildName,
  recordedSettings,
  recordSettings,
  SETTINGS_COLLECTION,
  settingsChanged,
} from '../projection';
import { batches } from './batches';
import { superseded } from './superseded';

/** Events after which the read store's files are made to forget (ADR 0014). */
const erasures = new Set(['CustomerPersonalDataErased', 'LeadPersonalDataErased']);

type Index = Projection['indexes'][number];

export type RunnerStatus = {
  projections: { name: string; checkpoint: number; settings?: ProjectionSettings }[];
  checkpoint: number;
  headPosition: number;
  lagEvents: number;
  lagSeconds: number;
  eventsProcessed: number;
  batchesApplied: number;
  running: boolean;
  lastError: string | null;
  /** Projections being rebuilt beside the live ones, and how far each copy has come. */
  rebuilding: { name: string; checkpoint: number; liveCheckpoint: number }[];
  /** Whether this copy projects now (holds the lease), or stands by to take over. */
  active: boolean;
};

/** This copy does not hold the projector's lease (another copy projects). */
export class NotProjectingError extends Error {
  constructor() {
    super('Another copy of the projector holds the lease; ask that one, or retry');
    this.name = 'NotProjectingError';
  }
}

export type RunnerOptions = {
  batchSize?: number;
  waitMs?: number;
  onBatch?: (lastPosition: number) => void;
  /**
   * A projection starting from the beginning of a log longer than this (10 000 events unless
   * set) builds its indexes when it has caught up, in one pass each, instead of keeping them
   * up to date row by row (ADR 0029).
   */
  buildIndexesLaterFrom?: number;
  /** A batch failed to apply; the runner backs off and resumes from its checkpoints. */
  onError?: (error: unknown) => void;
  /**
   * The lease that lets one copy of the projector project at a time (ADR 0026): without it,
   * this runner projects alone; with it, it projects only while holding the lease, reloads
   * the checkpoints whenever it gains it, and writes every batch under it as a fence.
   */
  lease?: LeaseKeeper;
  /**
   * Every collection today's projections write. Once caught up with the log, the runner drops
   * the collections of earlier versions of them (`name_vN` below today's `name_vM`, and their
   * rebuild copies): nothing reads them any more, and the personal data in them would escape
   * an erasure.
   */
  current?: readonly string[];
  /**
   * A projection's documents were filed under other settings than today's (the business's
   * time zone changed): it is being rebuilt under today's.
   */
  onSettingsChanged?: (
    projection: string,
    recorded: Record<string, unknown>,
    now: ProjectionSettings,
  ) => void;
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
  /** Whether collections of earlier projection versions may still be left to drop. */
  private supersededLeft: boolean;
  private applied = 0;
  private stopped = false;
  /** Read through a function: `stop()` flips the flag while the loop awaits. */
  private readonly isStopped = () => this.stopped;
  private lastError: string | null = null;
  /** Rebuilds in progress: the live projection, its copy, and the collections the copy wrote. */
  private readonly rebuilds = new Map<
    string,
    { live: Projection; copy: Projection; written: Set<string> }
  >();
  private restart = false;
  /** Whether the settings recorded with the documents were checked since the checkpoints were read. */
  private settingsChecked = false;
  /** Copies waiting for the next subscription, which starts from their position 0. */
  private readonly pending: Projection[] = [];
  private readonly projections: Projection[];
  /**
   * Indexes not built yet, by projection: built when the projection has caught up with the
   * log, or one by one when a filtered write of the projection's own needs it first.
   */
  private readonly unbuilt = new Map<string, Index[]>();
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
    projections: Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    this.projections = [...projections];
    this.supersededLeft = options.current !== undefined;
  }

  async start(): Promise<void> {
    await this.loadCheckpoints();
    const long =
      (await this.events.headPosition()) > (this.options.buildIndexesLaterFrom ?? 10_000);
    for (const p of this.projections)
      if (long && this.checkpoints.get(p.name) === 0) this.unbuilt.set(p.name, [...p.indexes]);
      else for (const [c, fields] of p.indexes) await this.reads.ensureIndex(c, fields);
    await this.options.lease?.start();
    this.loop = this.supervise();
  }

  /** Drops the collections of earlier projection versions (see `current`), once a run. */
  private async dropSuperseded() {
    this.supersededLeft = false;
    for (const name of superseded(await this.reads.collectionNames(), this.options.current ?? []))
      await this.reads.dropCollection(name);
  }

  private async loadCheckpoints() {
    await this.reads.finishInterrupted();
    const saved = new Map((await this.reads.checkpoints()).map((c) => [c.name, c.position]));
    for (const p of this.projections) this.checkpoints.set(p.name, saved.get(p.name) ?? 0);
    this.settingsChecked = false;
  }

  /**
   * The settings each projection's documents were filed by, against today's: a projection
   * filed under others is rebuilt beside the live one (which keeps serving), and its new
   * settings are recorded when the copy takes its place. Settings never recorded (a projection
   * starting from the log's beginning, or documents older than the record) are taken as
   * today's.
   */
  private async checkSettings() {
    const filed = this.projections.filter((p) => p.settings && !this.isCopy(p));
    const recorded = await this.reads.getMany(
      SETTINGS_COLLECTION,
      new Set(filed.map((p) => p.name)),
    );
    const changed: Projection[] = [];
    const record = [];
    for (const p of filed) {
      const doc = recorded.get(p.name);
      const at = this.checkpoints.get(p.name) ?? 0;
      if (doc === undefined || (at === 0 && settingsChanged(doc, p.settings!)))
        record.push(...recordSettings(p.name, p.settings!, at));
      else if (settingsChanged(doc, p.settings!) && !this.rebuilds.has(p.name)) {
        changed.push(p);
        this.options.onSettingsChanged?.(p.name, recordedSettings(doc, p.settings!), p.settings!);
      }
    }
    if (record.length > 0) await this.reads.apply(record, [], this.fence());
    await this.startRebuilds(changed);
    this.settingsChecked = true;
  }

  /** The fence for a write: the lease while held; LeaseLost when it is not. */
  private fence() {
    const lease = this.options.lease;
    if (!lease) return undefined;
    const held = lease.held();
    if (!held) throw new NotProjectingError();
    return held;
  }

  /**
   * Runs the subscription; after a failure, waits (backing off) and resumes from the
   * checkpoints. With a lease, it first waits to hold it, and reads the checkpoints again:
   * the copy that held it before may have moved them on.
   */
  private async supervise() {
    for (let failures = 0; !this.stopped;) {
      const lease = this.options.lease;
      if (lease && !lease.held()) {
        if (!(await lease.acquired(this.isStopped))) return;
        if (this.isStopped()) return;
        await this.loadCheckpoints();
      }
      const applied = this.applied;
      try {
        if (!this.settingsChecked) await this.checkSettings();
        for (const copy of this.pending.splice(0)) {
          this.projections.push(copy);
          this.checkpoints.set(copy.name, 0);
        }
        this.subscription = this.events.subscribe(this.lowest());
        await this.run(this.subscription);
        if (!this.restart) return;
        this.restart = false;
        continue;
      } catch (error) {
        await this.subscription?.close();
        if (this.isStopped()) return;
        // The lease passed to another copy: stand by (the loop waits to hold it again).
        if (error instanceof NotProjectingError || error instanceof FencedOutError) continue;
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
    // Indexes left unbuilt when the lease was lost while building them, the log at its head
    // since: no batch would come to build them.
    if (this.unbuilt.size > 0 && this.lowest() >= (await this.events.headPosition()))
      await this.buildUnbuilt();
    for await (const batch of batches(
      subscription,
      this.options.batchSize ?? 2000,
      this.options.waitMs ?? 0,
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
      await this.buildNeeded(ops);
      await this.reads.apply(ops, checkpoints, this.fence());
      // After an erasure nothing of the erased data may stay readable in the store's files.
      if (batch.some((e) => erasures.has(e.type))) await this.reads.forget();
      // Work left for the moment it has caught up: the log's head is read once a batch for it.
      if (this.unbuilt.size > 0 || this.supersededLeft)
        if (last >= (await this.events.headPosition())) {
          if (this.unbuilt.size > 0) await this.buildUnbuilt();
          if (this.supersededLeft) await this.dropSuperseded();
        }
      for (const c of checkpoints) this.checkpoints.set(c.name, c.position);
      await this.switchCaughtUp();
      this.processed += batch.length;
      this.applied += 1;
      this.options.onBatch?.(last);
      // The embedded stores answer synchronously; let HTTP (status, metrics) in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The unbuilt indexes a batch's filtered writes select by (their first field filtered on). */
  private async buildNeeded(ops: WriteOp[]) {
    for (const op of ops) {
      if (this.unbuilt.size === 0) return;
      if (op.kind !== 'setWhere' && op.kind !== 'deleteWhere') continue;
      for (const [name, indexes] of this.unbuilt) {
        const needed = indexes.filter(([c, [first]]) => c === op.collection && first! in op.where);
        for (const [c, fields] of needed) await this.reads.ensureIndex(c, fields);
        const rest = indexes.filter((i) => !needed.includes(i));
        if (rest.length > 0) this.unbuilt.set(name, rest);
        else this.unbuilt.delete(name);
      }
    }
  }

  /**
   * Every unbuilt index: the projections have caught up with the log. One at a time, with a
   * turn of the event loop after each, so the lease is renewed while a long history's indexes
   * are built; each is built under the lease, and those left when it is lost stay unbuilt.
   */
  private async buildUnbuilt() {
    // Those known now: a rebuild started meanwhile builds its copy's when the copy catches up.
    for (const [name, indexes] of [...this.unbuilt]) {
      for (const index of [...indexes]) {
        this.fence();
        await this.reads.ensureIndex(...index);
        indexes.splice(indexes.indexOf(index), 1);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (indexes.length === 0) this.unbuilt.delete(name);
    }
  }

  /**
   * Rebuilds projections from the start of the log into copies of their collections, beside
   * the live ones (which keep serving and keep projecting); each copy replaces its live
   * collections when it has caught up with them. Answers the names being rebuilt.
   */
  async rebuild(names: string[]): Promise<string[]> {
    this.fence();
    const live = this.liveNames();
    if (names.some((n) => !live.includes(n)))
      throw new Error(`Unknown projection; known: ${live.join(', ')}`);
    const chosen = this.projections.filter(
      (p) => !this.isCopy(p) && (names.length === 0 || names.includes(p.name)),
    );
    await this.startRebuilds(chosen);
    // Resubscribe from the copies' start; live projections skip what they have applied.
    this.restart = true;
    await this.subscription?.close();
    return chosen.map((p) => p.name);
  }

  /** Copies of live projections, to run from the log's start with the next subscription. */
  private async startRebuilds(chosen: Projection[]) {
    for (const live of chosen) {
      if (this.rebuilds.has(live.name)) continue;
      const written = new Set(declaredCollections(live));
      const copy = rebuilding(live, written);
      for (const c of written) await this.reads.dropCollection(rebuildName(c));
      // The copy is not read until it replaces the live one: its indexes are built then.
      this.unbuilt.set(copy.name, [...copy.indexes]);
      this.rebuilds.set(live.name, { live, copy, written });
      this.pending.push(copy);
    }
  }

  private isCopy(p: Projection) {
    return [...this.rebuilds.values()].some((r) => r.copy === p);
  }

  private copyRunning(copy: Projection) {
    return this.projections.includes(copy);
  }

  private liveNames() {
    return this.projections.filter((p) => !this.isCopy(p)).map((p) => p.name);
  }

  /** A copy that has reached its live projection takes its place, collections and checkpoint. */
  private async switchCaughtUp() {
    for (const [name, { live, copy, written }] of this.rebuilds) {
      if (!this.copyRunning(copy)) continue;
      const at = this.checkpoints.get(copy.name) ?? 0;
      if (at < (this.checkpoints.get(live.name) ?? 0)) continue;
      this.fence();
      await this.reads.replaceCollections(
        [...written].map((c) => [rebuildName(c), c]),
        [{ name: live.name, position: at }],
        [copy.name],
      );
      // Recorded after the switch: a stop in between rebuilds once more, never the reverse.
      if (live.settings)
        await this.reads.apply(recordSettings(live.name, live.settings, at), [], this.fence());
      for (const [c, fields] of live.indexes) await this.reads.ensureIndex(c, fields);
      this.unbuilt.delete(copy.name);
      this.projections.splice(this.projections.indexOf(copy), 1);
      this.checkpoints.delete(copy.name);
      this.checkpoints.set(live.name, at);
      this.rebuilds.delete(name);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
    await this.options.lease?.stop();
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
        ...(p.settings ? { settings: p.settings } : {}),
      })),
      checkpoint,
      headPosition: this.lag.headPosition,
      lagEvents: this.lag.lagEvents,
      lagSeconds: this.lag.lagSeconds,
      eventsProcessed: this.processed,
      batchesApplied: this.applied,
      running: this.loop !== undefined && !this.stopped,
      active: !this.options.lease || this.options.lease.held() !== undefined,
      lastError: this.lastError,
      rebuilding: [...this.rebuilds.values()].map(({ live, copy }) => ({
        name: live.name,
        checkpoint: this.checkpoints.get(copy.name) ?? 0,
        liveCheckpoint: this.checkpoints.get(live.name) ?? 0,
      })),
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
