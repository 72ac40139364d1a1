import { type FastifyRequest } from 'fastify';
import { type CommandMeta, commandMeta } from './command-meta';

/** Command metadata for a request; the route template scopes its Idempotency-Key. */
export const metaOf = (request: FastifyRequest): CommandMeta =>
  commandMeta(
    request.headers,
    `${request.method} ${request.routeOptions.url ?? request.url}`,
    new Date(),
  );
