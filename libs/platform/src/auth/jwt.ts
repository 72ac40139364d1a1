import { createHmac, type KeyObject, timingSafeEqual, verify } from 'node:crypto';

/** The claims Kroonika relies on: `sub` is the staff member's id, `roles` what they may do. */
export type TokenClaims = {
  sub: string;
  roles: string[];
  exp: number;
  nbf?: number;
  iat?: number;
  iss?: string;
  aud?: string | string[];
};

/** The keys a token may be signed with: an HS256 secret and/or RS256 public keys. */
export type VerificationKeys = {
  secret?: Buffer;
  publicKeys: { kid?: string; key: KeyObject }[];
};

export type VerifyOptions = {
  nowSeconds: number;
  issuer?: string;
  audience?: string;
  leewaySeconds?: number;
};

/** Why a token was refused; the message never contains the token itself. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

const segment = /^[A-Za-z0-9_-]+$/;
const staffId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const json = (part: string, what: string): Record<string, unknown> => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError(`the token's ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidTokenError(`the token's ${what} is not a JSON object`);
  return value as Record<string, unknown>;
};

const hmac = (secret: Buffer, input: string) => createHmac('sha256', secret).update(input).digest();

const checkSignature = (
  header: Record<string, unknown>,
  input: string,
  signature: Buffer,
  keys: VerificationKeys,
) => {
  // The algorithm decides which key kind is used, and each kind only ever verifies its own
  // algorithm: a public key is never used as an HMAC secret, and `none` is never accepted.
  switch (header['alg']) {
    case 'HS256': {
      if (!keys.secret) throw new InvalidTokenError('HS256 tokens are not accepted here');
      const expected = hmac(keys.secret, input);
      if (signature.length !== expected.length || !timingSafeEqual(signature, expected))
        throw new InvalidTokenError('the signature does not verify');
      return;
    }
    case 'RS256': {
      const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
      const candidates = keys.publicKeys.filter(
        (k) => kid === undefined || k.kid === undefined || k.kid === kid,
      );
      if (candidates.length === 0) throw new InvalidTokenError('no key matches the token');
      if (!candidates.some((k) => verify('RSA-SHA256', Buffer.from(input), k.key, signature)))
        throw new InvalidTokenError('the signature does not verify');
      return;
    }
    default:
      throw new InvalidTokenError(`algorithm ${JSON.stringify(header['alg'])} is not accepted`);
  }
};

const numeric = (claims: Record<string, unknown>, name: string, required: boolean) => {
  const value = claims[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new InvalidTokenError(`the ${name} claim must be a number of seconds`);
  return value;
};

/** Whether a token's time has come and not yet gone, with some clock skew allowed. */
export const checkLifetime = (
  claims: Pick<TokenClaims, 'exp' | 'nbf'>,
  { nowSeconds, leewaySeconds = 30 }: Pick<VerifyOptions, 'nowSeconds' | 'leewaySeconds'>,
): void => {
  if (nowSeconds > claims.exp + leewaySeconds) throw new InvalidTokenError('the token has expired');
  if (claims.nbf !== undefined && claims.nbf > nowSeconds + leewaySeconds)
    throw new InvalidTokenError('the token is not valid yet');
};

/** Verifies a compact JWS and its time, issuer, audience, subject and roles claims. */
export const verifyToken = (
  token: string,
  keys: VerificationKeys,
  options: VerifyOptions,
): TokenClaims => {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => segment.test(p)))
    throw new InvalidTokenError('the token is not a signed JWT');
  const [h, p, s] = parts as [string, string, string];
  const header = json(h, 'header');
  if (header['crit'] !== undefined)
    throw new InvalidTokenError('critical header extensions are not supported');
  if (
    header['typ'] !== undefined &&
    (typeof header['typ'] !== 'string' || header['typ'].toUpperCase() !== 'JWT')
  )
    throw new InvalidTokenError('the token is not a JWT');
  checkSignature(header, `${h}.${p}`, Buffer.from(s, 'base64url'), keys);
  const claims = json(p, 'payload');
  const exp = numeric(claims, 'exp', true)!;
  const nbf = numeric(claims, 'nbf', false);
  checkLifetime({ exp, ...(nbf !== undefined ? { nbf } : {}) }, options);
  const iat = numeric(claims, 'iat', false);
  if (options.issuer !== undefined && claims['iss'] !== options.issuer)
    throw new InvalidTokenError('the token comes from another issuer');
  if (options.audience !== undefined) {
    const aud = claims['aud'];
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(options.audience))
      throw new InvalidTokenError('the token is meant for another audience');
  }
  const sub = claims['sub'];
  if (typeof sub !== 'string' || !staffId.test(sub))
    throw new InvalidTokenError('the sub claim must be a staff member id (a UUID)');
  const roles = claims['roles'];
  if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === 'string'))
    throw new InvalidTokenError('the roles claim must be a list of role names');
  return {
    sub,
    roles,
    exp,
    ...(nbf !== undefined ? { nbf } : {}),
    ...(iat !== undefined ? { iat } : {}),
  };
};

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Mints an HS256 token (the embedded default's token command and the tests use it). */
export const signToken = (
  claims: Record<string, unknown> & { sub: string; roles: string[]; exp: number },
  secret: Buffer,
): string => {
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${hmac(secret, input).toString('base64url')}`;
};

/**
 * Remembers tokens whose signature and claims verified, so a client sending the same token
 * again costs a map lookup; their lifetime is checked on every use.
 */
export class TokenVerifier {
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    private readonly keys: VerificationKeys,
    private readonly options: Omit<VerifyOptions, 'nowSeconds'> = {},
    private readonly maxRemembered = 10_000,
  ) {}

  verify(token: string, nowSeconds: number): TokenClaims {
    const known = this.verified.get(token);
    if (known) {
      checkLifetime(known, { nowSeconds, ...this.options });
      return known;
    }
    const claims = verifyToken(token, this.keys, { ...this.options, nowSeconds });
    if (this.verified.size >= this.maxRemembered) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }
}
