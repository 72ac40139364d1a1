import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { from, type Observable, switchMap } from 'rxjs';
import { problem } from '#platform';
import { projectionNames } from '#read-models';
import { type EventStore } from '#event-store';
import { type ReadStore } from '#read-store';
import { EVENT_STORE } from '../shared/event-store.provider';
import { READ_STORE } from '../shared/read-store.provider';

const MAX_WAIT_MS = Number(process.env['MIN_POSITION_WAIT_MS'] ?? 3000);

/**
 * Read-your-writes: a command's `position` sent back as `X-Min-Position` holds the query until
 * every projection has passed it, for at most MAX_WAIT_MS; then 503 with Retry-After. A position
 * past the end of the log (no command answered it) is 409 at once.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const raw = http.getRequest<FastifyRequest>().headers['x-min-position'];
    if (raw === undefined) return next.handle();
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value || !/^\d{1,16}$/.test(value))
      throw problem(
        400,
        'invalid-min-position',
        'Invalid X-Min-Position',
        'Send the position a command answered with',
      );
    return from(this.waitFor(Number(value), http.getResponse<FastifyReply>())).pipe(
      switchMap(() => next.handle()),
    );
  }

  private async reached(): Promise<number> {
    const saved = new Map((await this.store.checkpoints()).map((c) => [c.name, c.position]));
    return Math.min(...projectionNames.map((n) => saved.get(n) ?? 0));
  }

  private async waitFor(position: number, reply: FastifyReply) {
    if ((await this.reached()) < position) {
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
    }
    const deadline = Date.now() + MAX_WAIT_MS;
    for (let delay = 2; ; delay = Math.min(delay * 2, 8)) {
      const reached = await this.reached();
      if (reached >= position) {
        void reply.header('x-read-position', String(reached));
        return;
      }
      if (Date.now() >= deadline) {
        void reply.header('retry-after', '1');
        throw problem(
          503,
          'not-yet-projected',
          'Not yet projected',
          `Read models are at ${reached}, behind ${position}`,
          {
            readPosition: reached,
          },
        );
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
