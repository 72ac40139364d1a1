// Signing and verifying are jose's; what this file keeps beside it (the key per algorithm,
// claim paths, refusal reasons, a memo of verified tokens) and why no library does that is
// in docs/adr/0020-standard-identity-with-jose.md.
import {
  errors,
  type FlattenedJWSInput,
  type CompactJWSHeaderParameters,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
  SignJWT,
} from 'jose';

/** The claims Kroonika relies on: who the staff member is and what the token lets them do. */
export type TokenClaims = {
  sub: string;
  roles: string[];
  exp: number;
  nbf?: number;
  iat?: number;
};

/** The algorithms tokens may be signed with; each is only ever checked with its own key kind. */
export const acceptedAlgorithms = ['RS256', 'ES256', 'EdDSA', 'HS256'] as const;

/**
 * Where verification keys come from: an HS256 secret, and key sets (JWKS files, a JWKS URL or
 * the one an OpenID provider publishes) for the asymmetric algorithms.
 */
export type VerificationKeys = {
  secret?: Uint8Array;
  keySets: JWTVerifyGetKey[];
};

export type VerifyOptions = {
  /** The time to verify at, in seconds; now by default. */
  nowSeconds?: number;
  issuer?: string;
  audience?: string;
  /** Clock skew allowed on exp, nbf and iat. */
  leewaySeconds?: number;
  /** The longest a token may live from its `iat`, whatever its `exp` says. */
  maxAgeSeconds?: number;
  /** The claim naming the staff member (a UUID): `sub` unless the provider puts it elsewhere. */
  subjectClaim?: string;
  /** The claim holding the roles, dotted for nested ones (Keycloak: `realm_access.roles`). */
  rolesClaim?: string;
};

/** Why a token was refused; the message never contains the token itself. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** The provider's keys could not be fetched: the token can be neither accepted nor refused. */
export class KeysUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeysUnavailableError';
  }
}

const staffId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const claimAt = (payload: JWTPayload, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      payload,
    );

/** The key for a token's header: the secret for HS256, else the first key set that has it. */
const keyFor =
  (keys: VerificationKeys) =>
  async (header: CompactJWSHeaderParameters, token: FlattenedJWSInput) => {
    if (header.alg === 'HS256') {
      if (!keys.secret) throw new InvalidTokenError('HS256 tokens are not accepted here');
      return keys.secret;
    }
    let missing: Error | undefined;
    for (const keySet of keys.keySets)
      try {
        return await keySet(header, token);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
        missing = error;
      }
    throw missing ?? new InvalidTokenError(`${String(header.alg)} tokens are not accepted here`);
  };

/** A jose error as the reason a client is told. */
const reasonOf = (error: unknown): Error => {
  if (error instanceof InvalidTokenError || error instanceof KeysUnavailableError) return error;
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return new KeysUnavailableError(
      `the identity provider's keys are unavailable: ${error.message}`,
    );
  if (error instanceof TypeError && error.message.includes('fetch'))
    return new KeysUnavailableError("the identity provider's keys could not be fetched");
  if (error instanceof errors.JWTExpired)
    return new InvalidTokenError(
      error.claim === 'iat'
        ? 'the token is older than the longest lifetime allowed'
        : 'the token has expired',
    );
  if (error instanceof errors.JWKSNoMatchingKey)
    return new InvalidTokenError('no key matches the token');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new InvalidTokenError('the signature does not verify');
  if (error instanceof errors.JWTClaimValidationFailed)
    return new InvalidTokenError(
      error.claim === 'nbf'
        ? 'the token is not valid yet'
        : error.claim === 'iss'
          ? 'the token comes from another issuer'
          : error.claim === 'aud'
            ? 'the token is meant for another audience'
            : error.claim === 'iat' && error.reason === 'check_failed'
              ? 'the token is older than the longest lifetime allowed'
              : `the ${error.claim} claim is ${error.reason === 'missing' ? 'missing' : 'not acceptable'}`,
    );
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new InvalidTokenError('the token is not a signed JWT with an algorithm accepted here');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new InvalidTokenError('the token is not a signed JWT');
  if (error instanceof errors.JOSEError)
    return new InvalidTokenError(`the token is not valid (${error.code})`);
  return error instanceof Error ? error : new Error(String(error));
};

/**
 * Verifies a compact JWS with jose: signature with the key its algorithm calls for (RS256,
 * ES256, EdDSA against the key sets, HS256 against the secret; `none` never), then `exp`,
 * `nbf` and `iat` with leeway, the maximum age from `iat`, issuer and audience, and the staff
 * member and roles claims.
 */
export const verifyToken = async (
  token: string,
  keys: VerificationKeys,
  options: VerifyOptions = {},
): Promise<TokenClaims> => {
  let payload: JWTPayload;
  let typ: string | undefined;
  try {
    ({
      payload,
      protectedHeader: { typ },
    } = await jwtVerify(token, keyFor(keys), {
      algorithms: [...acceptedAlgorithms],
      ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
      ...(options.audience !== undefined ? { audience: options.audience } : {}),
      clockTolerance: options.leewaySeconds ?? 30,
      ...(options.maxAgeSeconds !== undefined ? { maxTokenAge: options.maxAgeSeconds } : {}),
      requiredClaims: ['exp'],
      ...(options.nowSeconds !== undefined
        ? { currentDate: new Date(options.nowSeconds * 1000) }
        : {}),
    }));
  } catch (error) {
    throw reasonOf(error);
  }
  // Access tokens are `JWT` (or RFC 9068's `at+jwt`); an ID token or a logout token is not.
  if (typ !== undefined && !['jwt', 'at+jwt', 'application/at+jwt'].includes(typ.toLowerCase()))
    throw new InvalidTokenError('the token is not an access token');
  const subject = claimAt(payload, options.subjectClaim ?? 'sub');
  if (typeof subject !== 'string' || !staffId.test(subject))
    throw new InvalidTokenError(
      `the ${options.subjectClaim ?? 'sub'} claim must be a staff member id (a UUID)`,
    );
  const roles = claimAt(payload, options.rolesClaim ?? 'roles');
  if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === 'string'))
    throw new InvalidTokenError(
      `the ${options.rolesClaim ?? 'roles'} claim must be a list of role names`,
    );
  return {
    sub: subject,
    roles,
    exp: payload.exp!,
    ...(payload.nbf !== undefined ? { nbf: payload.nbf } : {}),
    ...(payload.iat !== undefined ? { iat: payload.iat } : {}),
  };
};

/** Whether a remembered token's time has come and not yet gone, with leeway. */
const stillValid = (claims: TokenClaims, nowSeconds: number, options: VerifyOptions): boolean => {
  const leeway = options.leewaySeconds ?? 30;
  if (nowSeconds > claims.exp + leeway) return false;
  if (claims.nbf !== undefined && claims.nbf > nowSeconds + leeway) return false;
  if (
    options.maxAgeSeconds !== undefined &&
    claims.iat !== undefined &&
    nowSeconds - claims.iat > options.maxAgeSeconds + leeway
  )
    return false;
  return true;
};

/**
 * Remembers tokens whose signature and claims verified, so a client sending the same token
 * again costs a map lookup; their time is checked on every use, and a token whose time is up
 * is verified afresh (and refused with the reason).
 */
export class TokenVerifier {
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    private readonly keys: VerificationKeys,
    private readonly options: VerifyOptions = {},
    private readonly maxRemembered = 10_000,
  ) {}

  async verify(token: string, nowSeconds = Date.now() / 1000): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && stillValid(known, nowSeconds, this.options)) return known;
    this.verified.delete(token);
    const claims = await verifyToken(token, this.keys, { ...this.options, nowSeconds });
    if (this.verified.size >= this.maxRemembered) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }
}

/** Mints an HS256 token (the embedded default's token command and the tests use it). */
export const signToken = (
  claims: Record<string, unknown> & { sub: string; roles: string[]; exp: number },
  secret: Uint8Array,
): Promise<string> =>
  new SignJWT({ iat: Math.floor(Date.now() / 1000), ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secret);
