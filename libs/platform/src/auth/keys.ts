import { createPublicKey, type JsonWebKey, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type AuthConfig, hasConfiguredKey } from '../config';
import { type VerificationKeys } from './jwt';

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

const secretOf = (value: string, source: string): Buffer => {
  const secret = Buffer.from(value.trim(), 'utf8');
  if (secret.length < MIN_SECRET_BYTES)
    throw new Error(`${source} must be at least ${MIN_SECRET_BYTES} bytes long`);
  return secret;
};

const jwks = (file: string): VerificationKeys['publicKeys'] => {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    keys?: (JsonWebKey & { kid?: string })[];
  };
  const keys = (parsed.keys ?? []).filter((k) => k.kty === 'RSA' && (k.use ?? 'sig') === 'sig');
  if (keys.length === 0) throw new Error(`AUTH_JWKS_FILE ${file} holds no RSA signing key`);
  return keys.map((k) => ({
    ...(k.kid ? { kid: k.kid } : {}),
    key: createPublicKey({ key: k, format: 'jwk' }),
  }));
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
        'Configure AUTH_JWT_SECRET, AUTH_JWT_SECRET_FILE, AUTH_JWT_PUBLIC_KEY_FILE or AUTH_JWKS_FILE',
      );
    return { secret: localSecret(dataDir), publicKeys: [] };
  }
  const publicKeys: VerificationKeys['publicKeys'] = [];
  if (auth.publicKeyFile)
    publicKeys.push({ key: createPublicKey(readFileSync(auth.publicKeyFile)) });
  if (auth.jwksFile) publicKeys.push(...jwks(auth.jwksFile));
  const secret = auth.secret
    ? secretOf(auth.secret, 'AUTH_JWT_SECRET')
    : auth.secretFile
      ? secretOf(readFileSync(auth.secretFile, 'utf8'), 'AUTH_JWT_SECRET_FILE')
      : undefined;
  return { ...(secret ? { secret } : {}), publicKeys };
};
