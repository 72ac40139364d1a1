import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { FencedOutError, type Lease, type ReadStore } from './read-store.port';

export type LeaseKeeperOptions = {
  /** How long a lease runs without renewal: the longest a dead holder keeps a duty. */
  ttlMs: number;
  /** This process, unique among copies; by default host, pid and a random part. */
  holder?: string;
  /** The clock leases are measured by (tests pass their own). */
  now?: () => number;
  /** Told whenever this process gains or loses the lease. */
  onChange?: (held: boolean) => void;
};

/** A name for this process as a lease holder: readable, and unique across restarts. */
export const processHolder = (): string =>
  `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

/**
 * Keeps one lease for this process (ADR 0026): tries to take it at once and then every third
 * of its time, which also renews it while held. `held()` answers the lease only while more
 * than a third of its time is left, so a holder stops writing before anyone else can take it
 * over; the writes it makes carry the lease as a fence, which the store checks.
 */
export class LeaseKeeper {
  private current: Lease | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private round: Promise<void> = Promise.resolve();
  readonly holder: string;
  private readonly now: () => number;

  constructor(
    private readonly store: ReadStore,
    readonly name: string,
    private readonly options: LeaseKeeperOptions,
  ) {
    this.holder = options.holder ?? processHolder();
    this.now = options.now ?? Date.now;
  }

  /** Makes the first attempt and keeps trying (and renewing) in the background. */
  async start(): Promise<void> {
    await this.attempt();
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.round = this.attempt();
      },
      Math.max(10, Math.floor(this.options.ttlMs / 3)),
    );
    this.timer.unref();
  }

  private async attempt(): Promise<void> {
    const before = this.held() !== undefined;
    try {
      this.current = await this.store.acquireLease(
        this.name,
        this.holder,
        this.options.ttlMs,
        this.now(),
      );
    } catch {
      // The store did not answer: the lease in hand runs out by itself (held() says when).
    }
    const after = this.held() !== undefined;
    if (before !== after) this.options.onChange?.(after);
    this.schedule();
  }

  /** The lease while it is safely held (more than a third of its time left), else undefined. */
  held(): Lease | undefined {
    const lease = this.current;
    return lease && lease.expiresAt - this.now() > this.options.ttlMs / 3 ? lease : undefined;
  }

  /** The token of the lease while safely held: a new one means another copy held it between. */
  token(): number | undefined {
    return this.held()?.token;
  }

  /** The lease as a fence for a write, or FencedOutError when it is not safely held. */
  fence(): Lease {
    const lease = this.held();
    if (!lease) throw new FencedOutError(this.name, this.current?.token ?? 0);
    return lease;
  }

  /** Resolves once the lease is held, or with false when stopped (or `cancelled`) first. */
  async acquired(cancelled: () => boolean = () => false, pollMs = 50): Promise<boolean> {
    while (!this.stopped && !cancelled()) {
      if (this.held()) return true;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    return false;
  }

  /** Stops renewing and gives the lease up, so another copy takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    const lease = this.current;
    this.current = undefined;
    if (lease) await this.store.releaseLease(lease).catch(() => undefined);
  }
}
