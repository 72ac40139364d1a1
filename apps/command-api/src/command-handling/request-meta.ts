import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type Principal, problem } from '#platform';
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

/**
 * The command's metadata (actor, command id from Idempotency-Key, expected revision from
 * If-Match, correlation, the moment) as a handler parameter.
 */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): CommandMeta =>
  metaOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

/** The roles of the request's principal, for commands whose rules depend on them. */
export const Roles = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal['roles'] =>
    context.switchToHttp().getRequest<FastifyRequest>().principal?.roles ?? [],
);
