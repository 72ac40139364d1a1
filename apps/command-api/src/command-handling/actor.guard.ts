import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { problem } from '#platform';
import { actorPattern } from './command-meta';

/** Every command needs an actor, checked before the body is even validated. */
@Injectable()
export class ActorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    const actor = request.headers['x-actor-id'];
    if (typeof actor !== 'string' || !actorPattern.test(actor))
      throw problem(
        401,
        'actor-required',
        'Actor required',
        'Send X-Actor-Id with the id of the acting staff member',
      );
    return true;
  }
}
