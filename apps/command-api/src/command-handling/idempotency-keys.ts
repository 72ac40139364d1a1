import { createHash } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type EventStore, WrongExpectedRevisionError } from '#event-store';
import { answerWithProblem, problem, problemFor } from '#platform';
import { deterministicId, EVENT_STORE } from '#commands';

/** What a key was first used for: who sent it, where, with what body (hashed). */
type FirstUse = { actorId: string; request: string; body: string };

/** A request with a key not recorded yet: recorded once its command succeeded. */
type Pending = { key: string; stream: string; use: FirstUse };

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/** The body as it arrived: JSON as parsed, a statement's bytes; a multipart upload by its length. */
const bodyOf = (request: FastifyRequest): string => {
  const body: unknown = request.body;
  if (Buffer.isBuffer(body)) return digest(body.toString('latin1'));
  if (body === undefined || body === null)
    return `length:${String(request.headers['content-length'] ?? 0)}`;
  return digest(JSON.stringify(body));
};

/**
 * An Idempotency-Key names one request. Once a request with it succeeded, the key is recorded
 * in the event store (`idempotencyKey-<uuid v5 of the key>`: actor, method and path, body
 * hash). A retry that matches goes on and is answered from the streams it wrote; the same key
 * with another body, on another path or from another actor is refused with 422 before
 * anything is decided, so nothing is appended. A request that failed records nothing: its key
 * may be sent again with a corrected body.
 *
 * Two halves, neither a Nest interceptor (whose chain of observables every command would pay
 * for, key or not; ADR 0029): a guard after the token's checks the key before the command,
 * and `recordAfterSuccess`, a Fastify `onSend` hook, records it before the answer is written.
 */
@Injectable()
export class IdempotencyKeys implements CanActivate {
  private readonly pending = new WeakMap<FastifyRequest, Pending>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    // A malformed key is refused with 400 by the command's metadata, before anything is decided.
    if (
      key === undefined ||
      !/^[\x21-\x7e]{1,200}$/.test(key) ||
      request.method !== 'POST' ||
      !request.principal
    )
      return true;
    const use: FirstUse = {
      actorId: request.principal.staffId,
      request: `${request.method} ${request.url.split('?')[0] ?? ''}`,
      body: bodyOf(request),
    };
    const stream = `idempotencyKey-${deterministicId(`idempotency-key\n${key}`)}`;
    const [recorded] = await this.store.readStream(stream);
    if (recorded) this.check(key, recorded.data as FirstUse, use);
    else this.pending.set(request, { key, stream, use });
    return true;
  }

  /**
   * Records the key of a request whose command succeeded, before its answer is written; when
   * another request recorded the key first with another use, answers 422 in its place.
   */
  readonly recordAfterSuccess = async (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
  ): Promise<unknown> => {
    const pending = this.pending.get(request);
    if (!pending || reply.statusCode >= 400) return payload;
    this.pending.delete(request);
    try {
      this.check(pending.key, await this.record(pending.stream, pending.use), pending.use);
      return payload;
    } catch (error) {
      void reply.removeHeader('etag');
      return JSON.stringify(answerWithProblem(reply, problemFor(error, request)));
    }
  };

  private check(key: string, first: FirstUse, use: FirstUse): void {
    if (first.actorId !== use.actorId || first.request !== use.request || first.body !== use.body)
      throw problem(
        422,
        'idempotency-key-reused',
        'Idempotency-Key reused',
        `The Idempotency-Key "${key}" was first sent ${
          first.actorId !== use.actorId
            ? 'by someone else'
            : first.request !== use.request
              ? `for ${first.request}`
              : 'with another body'
        }; a new request needs a new key`,
        { idempotencyKey: key },
      );
  }

  /** Records the key's first use; when another request recorded it first, answers that one. */
  private async record(stream: string, use: FirstUse): Promise<FirstUse> {
    const eventId = deterministicId(`${stream}\n${use.actorId}\n${use.request}\n${use.body}`);
    try {
      await this.store.append(
        stream,
        [
          {
            eventId,
            type: 'IdempotencyKeyUsed',
            data: use,
            metadata: {
              eventId,
              schemaVersion: 1,
              occurredAt: new Date().toISOString(),
              actorId: use.actorId,
              commandId: eventId,
              correlationId: eventId,
              causationId: eventId,
            },
          },
        ],
        'no_stream',
      );
      return use;
    } catch (error) {
      // Another request with the key got there first: compare with what it recorded.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const [recorded] = await this.store.readStream(stream);
      return (recorded?.data as FirstUse | undefined) ?? use;
    }
  }
}
