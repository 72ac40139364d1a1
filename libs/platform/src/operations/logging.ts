import { type IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { type Params } from 'nestjs-pino';

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

/**
 * JSON logs (pino through nestjs-pino), one line per event, on standard output. Every line a
 * request causes carries its request id (Fastify's: X-Request-Id or a new one, answered in
 * the same header; see createHttpApp), its correlation id (X-Correlation-Id, else the request id) and, once the token is
 * checked, the acting staff member. Tokens, cookies and keys are redacted; bodies, queries and
 * answers are not logged at all. LOG_LEVEL sets the level (info by default; `warn` drops the
 * line per request).
 */
export const loggingParams = (app: string, level: string): Params => ({
  pinoHttp: {
    level,
    base: { app },
    messageKey: 'message',
    customProps: (request: IncomingMessage) => ({
      correlationId: callerId(request.headers['x-correlation-id']) ?? request.id,
    }),
    // Probes and scrapes every few seconds would drown what matters.
    autoLogging: {
      ignore: (request) => /^\/(health|metrics|status)(\/|\?|$)/.test(request.url ?? ''),
    },
    // Nest's start-up inventory (each module and route) says nothing a running service needs.
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
    customLogLevel: (_request, response, error) =>
      error !== undefined || response.statusCode >= 500
        ? 'error'
        : response.statusCode >= 400
          ? 'warn'
          : 'info',
    serializers: {
      req: (request: { id: unknown; method: string; url: string; headers: object }) => ({
        id: request.id,
        method: request.method,
        path: loggedPath(request.url),
        headers: request.headers,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["idempotency-key"]',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  },
  assignResponse: true,
  forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
});
