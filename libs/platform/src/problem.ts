import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
};

/** An error answered as `application/problem+json` (RFC 9457). */
export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    /** Response headers that belong to the answer, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}

export const problem = (
  status: number,
  slug: string,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): ProblemException =>
  new ProblemException(
    {
      type: `urn:kroonika:problem:${slug}`,
      title,
      status,
      ...(detail ? { detail } : {}),
      ...extra,
    },
    headers,
  );

export type ProblemMapper = (error: unknown) => ProblemException | undefined;

const fastifyProblem = (error: unknown): ProblemException | undefined => {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string')
    return undefined;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'body-too-large', 'Request body too large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'Send application/json',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'invalid-json', 'Malformed JSON body', error.message);
    default:
      return undefined;
  }
};

const httpProblem = (error: HttpException): ProblemException => {
  const status = error.getStatus();
  const body = error.getResponse();
  const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  const slug = status === 404 ? 'not-found' : status === 400 ? 'bad-request' : `http-${status}`;
  return problem(
    status,
    slug,
    STATUS_CODES[status] ?? error.name.replace(/Exception$/, ''),
    Array.isArray(detail) ? detail.join('; ') : typeof detail === 'string' ? detail : error.message,
  );
};

/**
 * The problem an error is answered with: its own, a mapper's, Fastify's or Nest's, else 500
 * with the stack logged with the request's ids (Fastify's request logger), never sent.
 */
export const problemFor = (
  error: unknown,
  request: FastifyRequest,
  mappers: ProblemMapper[] = [],
): ProblemException => {
  const mapped =
    error instanceof ProblemException
      ? error
      : (mappers.map((m) => m(error)).find((p) => p !== undefined) ??
        fastifyProblem(error) ??
        // Nest hands Fastify's own errors (a malformed body, one too large) on as an
        // HttpException caused by them.
        (error instanceof HttpException
          ? (fastifyProblem(error.cause) ?? httpProblem(error))
          : undefined));
  if (mapped) return mapped;
  request.log.error(
    { context: 'problem' },
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  return problem(500, 'internal', 'Internal error', 'The request could not be completed');
};

/** Sets an answer's status and headers for a problem; the problem itself is its body. */
export const answerWithProblem = (reply: FastifyReply, answer: ProblemException): Problem => {
  void reply
    .headers(answer.headers)
    .status(answer.problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8');
  return answer.problem;
};

/** Every error leaves as problem+json; stack traces never leave the process. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly mappers: ProblemMapper[] = []) {}

  catch(error: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    void reply.send(
      answerWithProblem(reply, problemFor(error, http.getRequest<FastifyRequest>(), this.mappers)),
    );
  }
}
