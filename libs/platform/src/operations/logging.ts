import {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

/** An id a caller may send (X-Request-Id, X-Correlation-Id): short, printable, no spaces. */
export const callerId = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' && /^[\w.:-]{1,128}$/.test(value) ? value : undefined;

/**
 * Where a request went, without what may identify a person: the query (a search for a name,
 * an e-mail) is left out and an unsubscribe link's token is not written down.
 */
export const loggedPath = (url: string | undefined): string =>
  (url ?? '').split('?')[0]!.replace(/^\/unsubscribe\/[^/]+/, '/unsubscribe/[token]');

const startupInventory = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Headers that carry a secret: written as `[redacted]`. */
const secretHeaders = new Set(['authorization', 'cookie', 'idempotency-key', 'x-api-key']);

const redacted = (headers: FastifyRequest['headers']): Record<string, unknown> => {
  const shown: Record<string, unknown> = {};
  for (const name in headers) shown[name] = secretHeaders.has(name) ? '[redacted]' : headers[name];
  return shown;
};

/** Probes and scrapes every few seconds would drown what matters. */
const unlogged = /^\/(health|metrics|status)(\/|\?|$)/;

/**
 * The process's pino logger: JSON lines on standard output, each with the app's name. A
 * request is written by its serializer, which alone writes headers, with tokens, cookies and
 * keys redacted. Nest's start-up inventory (each module and route) is dropped: it says nothing
 * a running service needs.
 */
export const createProcessLogger = (
  app: string,
  level: string,
  destination?: DestinationStream,
): Logger =>
  pino(
    {
      level,
      base: { app },
      messageKey: 'message',
      hooks: {
        logMethod(args, method, level) {
          const first: unknown = args[0];
          const context =
            typeof first === 'object' && first !== null && 'context' in first
              ? first.context
              : undefined;
          if (level <= 30 && typeof context === 'string' && startupInventory.has(context)) return;
          method.apply(this, args);
        },
      },
      // A request is logged by where it went, never by its query, body or answer.
      serializers: {
        req: (request: FastifyRequest) => ({
          id: request.id,
          method: request.method,
          path: loggedPath(request.url),
          headers: redacted(request.headers),
        }),
        res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      },
    },
    destination,
  );

/**
 * Every line a request causes is written through Fastify's child logger of the request, which
 * carries the request id (Fastify's: X-Request-Id or a new one, answered in the same header;
 * see createHttpApp) and the correlation id (X-Correlation-Id, else the request id).
 */
export const requestLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  logger,
  bindings,
  options,
  raw,
) =>
  logger.child(
    {
      ...bindings,
      correlationId: callerId(raw.headers['x-correlation-id']) ?? (bindings['requestId'] as string),
    },
    options,
  );

/**
 * Fastify's own request log lines, shaped for operations: one line when a request completes,
 * with its method, path (no query), headers (redacted), status, time and actor; refusals at
 * `warn`, failures at `error`. Bodies, queries and answers are never logged. Probes of
 * `/health`, `/metrics` and `/status` are not logged. LOG_LEVEL sets the level (info by
 * default; `warn` drops the line per accepted request).
 */
export class RequestLog extends LogController {
  constructor() {
    super({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: (request) => unlogged.test(request.url),
    });
  }

  override incomingRequest(): void {
    // One line per request, when it completes.
  }

  override routeNotFound(): void {
    // The completion line says 404.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const status = reply.statusCode;
    const level = error || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    const actorId = request.principal?.staffId;
    reply.log[level](
      {
        req: request,
        ...(actorId === undefined ? {} : { actorId }),
        res: reply,
        responseTime: Math.round(reply.elapsedTime),
        ...(error ? { err: error } : {}),
      },
      'request completed',
    );
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    // Refusals are the completion line's; a failure's stack is logged where it is mapped.
    if (this.isLogDisabled(request) || reply.statusCode < 500) return;
    reply.log.error({ err: error }, error.message);
  }
}
