import { workerErrors } from './operations/metrics';

/**
 * Runs `round` now and then again `intervalMs` after each round ends, never two at once;
 * `stop` waits for the running round. For the background workers (sender, reminders,
 * campaigns, webhooks): an error is reported and the next round runs as planned.
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private round: Promise<void> = Promise.resolve();

  /**
   * `duty` names the work in `kroonika_worker_errors_total`; a failed round is counted there,
   * then handed to `onError` (which logs it: see `logFailure`). With a `lease`, a round runs
   * only while this process holds it (ADR 0026): a second copy of the duty stands by.
   */
  constructor(
    private readonly duty: string,
    private readonly run: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly lease?: { held(): unknown },
  ) {}

  private failed(error: unknown): void {
    workerErrors.inc({ duty: this.duty });
    this.onError(error);
  }

  get stopping(): boolean {
    return this.stopped;
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = (this.lease && !this.lease.held() ? Promise.resolve() : this.run())
        .catch((error: unknown) => {
          this.failed(error);
        })
        .finally(() => {
          this.schedule(this.intervalMs);
        });
    }, delay);
  }
}
