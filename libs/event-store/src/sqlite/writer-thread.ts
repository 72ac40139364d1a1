import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WriterFailure } from './thread-serve.mjs';

/** The answer to a request the thread could not serve: it stopped, or was closed. */
const stopped = (message: string): WriterFailure => ({ failure: { message } });

/**
 * A SQLite file's writer thread, as the embedded stores use one (the event log's appends, the
 * key store's new keys): it answers one request at a time, is started when first asked and
 * started again after it stopped, and keeps the process alive only while a request is out.
 * A request out when the thread stops (or is closed) is answered with a failure, as a
 * request the thread's transaction failed is.
 */
export class WriterThread<Request, Reply> {
  private worker: Worker | undefined;
  private waiting: ((reply: Reply | WriterFailure) => void) | undefined;

  constructor(
    private readonly what: string,
    private readonly file: string,
    private readonly data: unknown,
  ) {}

  /**
   * The thread's file `module` (no extension) in `dir`, beside the file `caller`: from the
   * sources (tests) Node runs its `.mts` with the types stripped; from dist, the compiled `.mjs`.
   */
  static fileOf(dir: string, caller: string, module: string): string {
    return join(dir, caller.endsWith('.ts') ? `${module}.mts` : `${module}.mjs`);
  }

  get busy(): boolean {
    return this.waiting !== undefined;
  }

  /** The thread's answer; one request at a time (a second one while busy is a bug). */
  send(request: Request): Promise<Reply | WriterFailure> {
    if (this.waiting) throw new Error(`${this.what} takes one request at a time`);
    const worker = this.start();
    worker.ref();
    return new Promise<Reply | WriterFailure>((resolve) => {
      this.waiting = resolve;
      worker.postMessage(request);
    });
  }

  /** Stops the thread; a request still out is answered with a failure. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
    this.settle()?.(stopped(`${this.what} was closed`));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file, { workerData: this.data });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      worker.unref();
      this.settle()?.(reply);
    });
    const lost = (cause: unknown) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.settle()?.(stopped(`${this.what} stopped: ${String(cause)}`));
    };
    worker.on('error', lost);
    worker.on('exit', (code) => {
      lost(`exit code ${code}`);
    });
    this.worker = worker;
    return worker;
  }

  private settle() {
    const waiting = this.waiting;
    this.waiting = undefined;
    return waiting;
  }
}
