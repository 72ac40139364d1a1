import { createPublicKey, type KeyObject, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type AuthConfig, hasConfiguredKey } from '../config';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { KeysUnavailableError, type VerificationKeys } from './jwt';

const MIN_SECRET_BYTES = 32;

/**
 * Writes `content` to `path` unless the file exists, atomically: the three processes of the
 * embedded default start together and must all end up with the same file.
 */
export const createOnce = (path: string, content: () => string): string => {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content(), { mode: 0o600 });
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return readFileSync(path, 'utf8').trim();
};

export const localSecretFile = (dataDir: string): string => join(dataDir, 'auth-secret');

/** The local secret of the embedded default, created on first start. */
export const localSecret = (dataDir: string): Buffer =>
  Buffer.from(
    createOnce(localSecretFile(dataDir), () => randomBytes(32).toString('base64url')),
    'utf8',
  );

const secretOf = (value: string, source: string): Uint8Array => {
  const secret = Buffer.from(value.trim(), 'utf8');
  if (secret.length < MIN_SECRET_BYTES)
    throw new Error(`${source} must be at least ${MIN_SECRET_BYTES} bytes long`);
  return new Uint8Array(secret);
};

/** The algorithm family a key verifies, so a key is only ever used for its own algorithm. */
const families: Readonly<Record<string, string>> = { rsa: 'RS256', ec: 'ES256', ed25519: 'EdDSA' };
const familyOf = (key: KeyObject): string | undefined => families[key.asymmetricKeyType ?? ''];

/** A single public key (PEM): used for tokens of its own algorithm, whatever their `kid`. */
const singleKey = (key: KeyObject): JWTVerifyGetKey => {
  const alg = familyOf(key);
  if (!alg) throw new Error('AUTH_JWT_PUBLIC_KEY_FILE holds no RSA, P-256 or Ed25519 public key');
  return (header) => {
    if (header.alg !== alg) throw new errors.JWKSNoMatchingKey();
    return Promise.resolve(key);
  };
};

export type KeySetOptions = {
  /** How long fetched keys are used before they are fetched again. */
  cacheMs: number;
  /** How soon after a fetch an unknown `kid` may fetch the keys again (rotation). */
  cooldownMs: number;
  timeoutMs: number;
};

const remote = (url: string, options: KeySetOptions) =>
  createRemoteJWKSet(new URL(url), {
    cacheMaxAge: options.cacheMs,
    cooldownDuration: options.cooldownMs,
    timeoutDuration: options.timeoutMs,
  });

/**
 * The key set an OpenID provider publishes: its discovery document is read on first use and
 * names the `jwks_uri`; a failed discovery is tried again on the next token.
 */
export const discoveredKeySet = (issuer: string, options: KeySetOptions): JWTVerifyGetKey => {
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  const discover = async () => {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      throw new KeysUnavailableError(`${url} could not be read: ${(error as Error).message}`);
    }
    if (!response.ok) throw new KeysUnavailableError(`${url} answered ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (document.issuer !== issuer)
      throw new KeysUnavailableError(
        `${url} names issuer ${String(document.issuer)}, not ${issuer}`,
      );
    if (typeof document.jwks_uri !== 'string')
      throw new KeysUnavailableError(`${url} names no jwks_uri`);
    return remote(document.jwks_uri, options);
  };
  return async (header, token) => {
    keySet ??= discover();
    try {
      return await (
        await keySet
      )(header, token);
    } catch (error) {
      if (error instanceof KeysUnavailableError) keySet = undefined;
      throw error;
    }
  };
};

/**
 * The keys tokens are verified with, from configuration; with none configured, the embedded
 * default's local secret (a server store without a configured key refuses to start).
 */
export const loadVerificationKeys = (
  auth: AuthConfig,
  dataDir: string,
  embedded: boolean,
): VerificationKeys => {
  if (!hasConfiguredKey(auth)) {
    if (!embedded)
      throw new Error(
        'Configure AUTH_OIDC_ISSUER, AUTH_JWKS_URL, AUTH_JWKS_FILE, AUTH_JWT_PUBLIC_KEY_FILE, AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE',
      );
    return { secret: new Uint8Array(localSecret(dataDir)), keySets: [] };
  }
  const options = auth.keySets;
  const keySets: JWTVerifyGetKey[] = [];
  if (auth.oidcIssuer) keySets.push(discoveredKeySet(auth.oidcIssuer, options));
  if (auth.jwksUrl) keySets.push(remote(auth.jwksUrl, options));
  if (auth.jwksFile)
    keySets.push(
      createLocalJWKSet(JSON.parse(readFileSync(auth.jwksFile, 'utf8')) as JSONWebKeySet),
    );
  if (auth.publicKeyFile)
    keySets.push(singleKey(createPublicKey(readFileSync(auth.publicKeyFile))));
  const secret = auth.secret
    ? secretOf(auth.secret, 'AUTH_JWT_SECRET')
    : auth.secretFile
      ? secretOf(readFileSync(auth.secretFile, 'utf8'), 'AUTH_JWT_SECRET_FILE')
      : undefined;
  return { ...(secret ? { secret } : {}), keySets };
};
