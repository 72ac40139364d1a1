import { type ReadStore } from '#read-store';

/** The read side is behind the position a command needs it at; retrying later succeeds. */
export class ReadSideBehindError extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
  ) {
    super(`The ${projection} read model has not reached position ${position} yet; retry`);
    this.name = 'ReadSideBehindError';
  }
}

/**
 * Commands whose rules span many streams (no open deal left in a stage, what a leaving member
 * owns) consult a read model, after waiting until it has applied every event they depend on.
 */
export class ReadSide {
  constructor(
    readonly store: ReadStore,
    private readonly maxWaitMs = 30_000,
  ) {}

  async caughtUp(projection: string, position: number): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
      const saved = await this.store.checkpoints();
      const reached = saved.find((c) => c.name === projection)?.position ?? 0;
      if (reached >= position) return;
      if (Date.now() >= deadline) throw new ReadSideBehindError(projection, position);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
