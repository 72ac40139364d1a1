import { type FastifyRequest } from 'fastify';
import { problem } from '#platform';
import { type CommandMeta, commandMeta } from '#commands';

/** Command metadata for a request; the route template scopes its Idempotency-Key. */
export const metaOf = (request: FastifyRequest): CommandMeta => {
  // The auth guard sets the principal on every non-public route before anything else runs.
  const actor = request.principal;
  if (!actor) throw problem(401, 'token-required', 'Unauthorized', 'Send a bearer token');
  return commandMeta(
    request.headers,
    actor.staffId,
    `${request.method} ${request.routeOptions.url ?? request.url}`,
    new Date(),
  );
};
