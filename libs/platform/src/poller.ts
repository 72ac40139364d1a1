import { Logger } from '@nestjs/common';
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

  private readonly logger: Logger;

  /**
   * `duty` names the work on log lines and in `kroonika_worker_errors_total`; a failed round
   * is logged and counted there, then handed to `onError` for anything else it means.
   */
  constructor(
    private readonly duty: string,
    private readonly run: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.logger = new Logger(duty);
  }

  private failed(error: unknown): void {
    workerErrors.inc({ duty: this.duty });
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
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
      this.round = this.run()
        .catch((error: unknown) => {
          this.failed(error);
        })
        .finally(() => {
          this.schedule(this.intervalMs);
        });
    }, delay);
  }
}
