import { type FastifyReply, type FastifyRequest } from 'fastify';

export type { CommandResult } from '#commands';

const CREATED = Symbol('created');
type Answered = { revision: number; [CREATED]?: boolean };

/**
 * A command's result with the status it answers with: 201 when it created something, 200 when
 * not (an upsert, or a repeated import). Kept beside the result, out of the JSON body.
 */
export const answer = <R extends { revision: number }>(result: R, created: boolean): R =>
  Object.defineProperty(result, CREATED, { value: created, enumerable: false });

const isResult = (value: unknown): value is Answered =>
  typeof value === 'object' && value !== null && typeof (value as Answered).revision === 'number';

/**
 * Sets what the HTTP answer to a command carries beside its body: the stream revision as ETag
 * (the If-Match of the next command) and 201 or 200 as `answer` decided; without it, the
 * route's own status stays. A Fastify `preSerialization` hook of the command API, run on each
 * answer before its body is written: unlike a Nest interceptor it puts no chain of observables
 * around every command (ADR 0029).
 */
export const shapeCommandAnswer = (
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload: unknown) => void,
): void => {
  if (reply.statusCode < 400 && isResult(payload)) {
    void reply.header('etag', `"${payload.revision}"`);
    const created = payload[CREATED];
    if (created !== undefined) void reply.status(created ? 201 : 200);
  }
  done(null, payload);
};
