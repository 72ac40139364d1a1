import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type EventStore } from '#event-store';
import { type StaffRole } from '#events';
import { isEmbedded, readConfig } from '../config';
import { timesSent } from '../http-edge';
import { problem } from '../problem';
import { type Access, accessPolicy, routeKey } from './access-policy';
import { InvalidTokenError, KeysUnavailableError, type TokenClaims, TokenVerifier } from './jwt';
import { loadVerificationKeys } from './keys';
import { RateLimiter } from './rate-limiter';
import { StaffDirectory } from './staff-directory';

/** The authenticated staff member behind a request and the roles they act with. */
export type Principal = { staffId: string; roles: StaffRole[] };

declare module 'fastify' {
  // Declaration merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    principal?: Principal;
  }
}

const bearer = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/;

/**
 * Authentication and authorisation for every route, in this order: the route's entry in the
 * access table, a valid token, the request rate of its subject, the subject being an active
 * staff member, and one of the route's roles among those both the token and the member have.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly directory: StaffDirectory,
    private readonly limiter: RateLimiter,
    private readonly policy: Readonly<Record<string, Access>> = accessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const access = this.policy[routeKey(method, request.routeOptions.url ?? '')];
    if (access === 'public') return true;
    let claims: TokenClaims;
    try {
      claims = await this.authenticate(request, reply);
    } catch (error) {
      // Refused requests count against their address, so guessing tokens is slow too.
      this.limit(`address:${request.ip}`, reply);
      throw error;
    }
    this.limit(`staff:${claims.sub}`, reply);
    const member = await this.directory.lookup(claims.sub);
    if (member.status === 'none')
      throw problem(
        403,
        'unknown-staff',
        'Forbidden',
        'The token names no registered staff member',
      );
    if (member.status === 'deactivated')
      throw problem(403, 'staff-deactivated', 'Forbidden', 'The staff member has been deactivated');
    const roles = member.roles.filter((r) => claims.roles.includes(r));
    if (access === undefined || !access.some((r) => roles.includes(r)))
      throw problem(
        403,
        'forbidden',
        'Forbidden',
        access === undefined
          ? 'This endpoint is not open to any role'
          : `This endpoint needs one of the roles: ${access.join(', ')}`,
      );
    request.principal = { staffId: claims.sub, roles };
    return true;
  }

  private limit(key: string, reply: FastifyReply) {
    const wait = this.limiter.take(key, Date.now());
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      throw problem(429, 'rate-limited', 'Too many requests', `Retry in ${wait} s`);
    }
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<TokenClaims> {
    const header = request.headers.authorization;
    if (header === undefined) {
      void reply.header('www-authenticate', 'Bearer realm="kroonika"');
      throw problem(401, 'token-required', 'Unauthorized', 'Send Authorization: Bearer <token>');
    }
    const token = bearer.exec(header)?.[1];
    try {
      // Node keeps the first of several Authorization headers; a proxy in front may keep
      // another. Which one acts is not guessed.
      if (timesSent(request.raw.rawHeaders, 'authorization') > 1)
        throw new InvalidTokenError('send one Authorization header, not several');
      if (token === undefined)
        throw new InvalidTokenError('the Authorization header is not a Bearer token');
      return await this.tokens.verify(token, Date.now() / 1000);
    } catch (error) {
      if (error instanceof KeysUnavailableError) {
        void reply.header('retry-after', '5');
        throw problem(503, 'identity-provider-unavailable', 'Service unavailable', error.message);
      }
      if (!(error instanceof InvalidTokenError)) throw error;
      void reply.header('www-authenticate', 'Bearer realm="kroonika", error="invalid_token"');
      throw problem(401, 'invalid-token', 'Unauthorized', `Invalid token: ${error.message}`);
    }
  }
}

/** The guard as both APIs configure it, reading staff members from `store`. */
export const createAuthGuard = (store: EventStore): AuthGuard => {
  const config = readConfig();
  return new AuthGuard(
    new TokenVerifier(loadVerificationKeys(config.auth, config.dataDir, isEmbedded(config)), {
      ...(config.auth.issuer ? { issuer: config.auth.issuer } : {}),
      ...(config.auth.audience ? { audience: config.auth.audience } : {}),
      subjectClaim: config.auth.subjectClaim,
      rolesClaim: config.auth.rolesClaim,
      leewaySeconds: config.auth.leewaySeconds,
      maxAgeSeconds: config.auth.maxAgeSeconds,
    }),
    new StaffDirectory(store),
    new RateLimiter(config.rateLimit.perSecond, config.rateLimit.burst),
  );
};
