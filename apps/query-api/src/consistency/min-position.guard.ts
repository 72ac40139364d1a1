import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { problem } from '#platform';
import { projectionNames } from '#read-models';
import { type EventStore } from '#event-store';
import { type ReadStore } from '#read-store';
import { EVENT_STORE } from '../shared/event-store.provider';
import { READ_STORE } from '../shared/read-store.provider';

const MAX_WAIT_MS = Number(process.env['MIN_POSITION_WAIT_MS'] ?? 3000);

type Waiter = {
  position: number;
  deadline: number;
  done: (reached: number) => void;
  fail: (error: unknown) => void;
};

/**
 * Read-your-writes: a command's `position` sent back as `X-Min-Position` holds the query until
 * every projection has passed it, for at most MAX_WAIT_MS; then 503 with Retry-After. A position
 * past the end of the log (no command answered it) is 409 at once.
 *
 * A guard after the token's, not a Nest interceptor: every query would pay for an
 * interceptor's chain of observables, header or not (ADR 0029).
 */
@Injectable()
export class MinPositionGuard implements CanActivate {
  private readonly waiting = new Set<Waiter>();
  private watching = false;

  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const raw = http.getRequest<FastifyRequest>().headers['x-min-position'];
    if (raw === undefined) return true;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value || !/^\d{1,16}$/.test(value))
      throw problem(
        400,
        'invalid-min-position',
        'Invalid X-Min-Position',
        'Send the position a command answered with',
      );
    await this.waitFor(Number(value), http.getResponse<FastifyReply>());
    return true;
  }

  private async reached(): Promise<number> {
    const saved = new Map((await this.store.checkpoints()).map((c) => [c.name, c.position]));
    return Math.min(...projectionNames.map((n) => saved.get(n) ?? 0));
  }

  private async waitFor(position: number, reply: FastifyReply) {
    let reached = await this.reached();
    if (reached < position) {
      // A position past the end of the log was never answered by a command: no wait reaches it.
      const head = await this.events.headPosition();
      if (position > head)
        throw problem(
          409,
          'position-ahead-of-log',
          'Position ahead of the log',
          `X-Min-Position ${position} is past the last event (${head}): send the position a command answered with`,
          { headPosition: head },
        );
      reached = await new Promise<number>((done, fail) => {
        this.waiting.add({ position, deadline: Date.now() + MAX_WAIT_MS, done, fail });
        void this.watch();
      });
    }
    if (reached >= position) {
      void reply.header('x-read-position', String(reached));
      return;
    }
    void reply.header('retry-after', '1');
    throw problem(
      503,
      'not-yet-projected',
      'Not yet projected',
      `Read models are at ${reached}, behind ${position}`,
      { readPosition: reached },
    );
  }

  /**
   * One loop for every waiting request: while any waits, it reads the checkpoints each
   * millisecond and lets through each request whose position was reached (or whose time ran
   * out), so a request is answered within a millisecond of the projector's commit and many
   * waiting requests cost one read.
   */
  private async watch() {
    if (this.watching) return;
    this.watching = true;
    try {
      while (this.waiting.size > 0) {
        await new Promise((r) => setTimeout(r, 1));
        const reached = await this.reached();
        const now = Date.now();
        for (const waiter of this.waiting)
          if (reached >= waiter.position || now >= waiter.deadline) {
            this.waiting.delete(waiter);
            waiter.done(reached);
          }
      }
    } catch (error) {
      for (const waiter of this.waiting) waiter.fail(error);
      this.waiting.clear();
    } finally {
      this.watching = false;
    }
  }
}
