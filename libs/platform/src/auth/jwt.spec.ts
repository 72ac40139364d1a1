import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { exportJWK, type JWK, SignJWT } from 'jose';
import {
  InvalidTokenError,
  signToken,
  TokenVerifier,
  type VerificationKeys,
  verifyToken,
  type VerifyOptions,
} from './jwt';
import { loadVerificationKeys } from './keys';
import { startIdentityProvider } from './testing';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
const sub = '7f6c2d8e-2a6b-4c1e-9a0d-3b1f5e2c4d6a';
const now = 1_800_000_000;
const keys: VerificationKeys = { secret, keySets: [] };
const claims = { sub, roles: ['sales'], exp: now + 600, iat: now };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const at = { nowSeconds: now };

const refusal = async (
  token: string | Promise<string>,
  k: VerificationKeys = keys,
  extra: VerifyOptions = {},
) => {
  const compact = await token;
  try {
    await verifyToken(compact, k, { ...at, ...extra });
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidTokenError);
    if (compact.length > 3) expect((e as Error).message).not.toContain(compact);
    return (e as Error).message;
  }
  throw new Error('the token was accepted');
};

describe('verifyToken', () => {
  it('accepts a valid HS256 token', async () => {
    expect(await verifyToken(await signToken(claims, secret), keys, at)).toEqual(claims);
  });

  it('refuses a changed payload and another key', async () => {
    const [h, , s] = (await signToken(claims, secret)).split('.');
    const forged = `${h}.${b64({ ...claims, roles: ['admin'] })}.${s}`;
    expect(await refusal(forged)).toMatch(/signature/);
    const other = new TextEncoder().encode('another secret, 32 bytes long....');
    expect(await refusal(signToken(claims, other))).toMatch(/signature/);
  });

  it('refuses an expired token and one not valid yet, with 30 seconds of skew', async () => {
    expect(await refusal(signToken({ ...claims, exp: now - 31 }, secret))).toMatch(/expired/);
    expect(await refusal(signToken({ ...claims, nbf: now + 31 }, secret))).toMatch(/not valid yet/);
    await expect(
      verifyToken(await signToken({ ...claims, exp: now - 29 }, secret), keys, at),
    ).resolves.toBeDefined();
  });

  it('refuses a token older than the longest lifetime, whatever its exp says', async () => {
    const forever = await signToken(
      { ...claims, iat: now - 13 * 3600, exp: 95_617_584_000 },
      secret,
    );
    expect(await refusal(forever, keys, { maxAgeSeconds: 12 * 3600 })).toMatch(/lifetime/);
    expect(
      await refusal(signToken({ ...claims, iat: now - 3600 }, secret), keys, {
        maxAgeSeconds: 600,
      }),
    ).toMatch(/lifetime/);
  });

  it('refuses alg none and malformed tokens', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`;
    expect(await refusal(`${unsigned}.`)).toMatch(/signed JWT/);
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', '!!.!!.!!', `${b64('x')}.${b64(claims)}.c2ln`])
      expect(await refusal(bad)).toBeDefined();
  });

  it('refuses a token without exp, without a staff id or roles', async () => {
    const { exp: _e, ...noExp } = claims;
    const unsignedExp = await new SignJWT(noExp).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    expect(await refusal(unsignedExp)).toMatch(/exp/);
    expect(await refusal(signToken({ ...claims, sub: 'anna' }, secret))).toMatch(/sub/);
    expect(await refusal(signToken({ ...claims, roles: 'admin' } as never, secret))).toMatch(
      /roles/,
    );
  });

  it('refuses ID tokens and other types', async () => {
    const id = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'id+jwt' })
      .sign(secret);
    expect(await refusal(id)).toMatch(/access token/);
  });

  it('checks issuer and audience when configured', async () => {
    const token = await signToken({ ...claims, iss: 'idp', aud: ['crm', 'other'] }, secret);
    await expect(
      verifyToken(token, keys, { ...at, issuer: 'idp', audience: 'crm' }),
    ).resolves.toBeDefined();
    expect(await refusal(token, keys, { issuer: 'other' })).toMatch(/issuer/);
    expect(await refusal(token, keys, { audience: 'billing' })).toMatch(/audience/);
  });

  it('reads the staff member and roles from the claims a provider uses', async () => {
    const keycloak = await signToken(
      { ...claims, sub: 'kc-user-1', staff_id: sub, realm_access: { roles: ['manager'] } },
      secret,
    );
    expect(
      await verifyToken(keycloak, keys, {
        ...at,
        subjectClaim: 'staff_id',
        rolesClaim: 'realm_access.roles',
      }),
    ).toMatchObject({ sub, roles: ['manager'] });
  });
});

describe('public keys: RS256, ES256 and EdDSA', () => {
  const pairs = {
    RS256: generateKeyPairSync('rsa', { modulusLength: 2048 }),
    ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    EdDSA: generateKeyPairSync('ed25519'),
  };
  const sign = (alg: keyof typeof pairs, kid: string, key: KeyObject = pairs[alg].privateKey) =>
    new SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);
  const jwks = async () => ({
    keys: await Promise.all(
      Object.entries(pairs).map(async ([alg, pair]): Promise<JWK> => ({
        ...(await exportJWK(pair.publicKey)),
        kid: alg,
        alg,
        use: 'sig',
      })),
    ),
  });

  it('verifies each algorithm with its own key from a JWKS file', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(file, JSON.stringify(await jwks()));
    const fromFile = loadVerificationKeys({ jwksFile: file, ...defaults }, '', false);
    for (const alg of ['RS256', 'ES256', 'EdDSA'] as const)
      expect((await verifyToken(await sign(alg, alg), fromFile, at)).sub).toBe(sub);
    // another private key, and a kid the set does not have
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(await refusal(sign('ES256', 'ES256', other), fromFile)).toMatch(/signature/);
    expect(await refusal(sign('RS256', 'k9'), fromFile)).toMatch(/no key/);
    // HS256 signed with a public key's PEM: never an HMAC secret (algorithm confusion)
    const pem = pairs.RS256.publicKey.export({ type: 'spki', format: 'pem' });
    expect(
      await refusal(signToken(claims, new TextEncoder().encode(String(pem))), fromFile),
    ).toMatch(/HS256/);
  });

  it('follows a provider that rotates its keys (OpenID discovery, JWKS over HTTP)', async () => {
    const provider = await startIdentityProvider();
    try {
      const verifier = new TokenVerifier(
        loadVerificationKeys(
          {
            ...defaults,
            oidcIssuer: provider.issuer,
            keySets: { cacheMs: 1000, cooldownMs: 0, timeoutMs: 2000 },
          },
          '',
          false,
        ),
        { issuer: provider.issuer, maxAgeSeconds: 3600 },
      );
      const first = await provider.token({ sub, roles: ['sales'] });
      expect((await verifier.verify(first)).sub).toBe(sub);
      await provider.rotate();
      // a token with the new kid makes the verifier fetch the keys again
      const second = await provider.token({ sub, roles: ['manager'] });
      expect((await verifier.verify(second)).roles).toEqual(['manager']);
      expect(provider.jwksRequests).toBeGreaterThanOrEqual(2);
      // the retired key is gone from the set: a token it signs is refused
      const stale = await provider.token({ sub, roles: ['sales'] }, 'retired');
      await expect(verifier.verify(stale)).rejects.toThrow(/no key/);
    } finally {
      await provider.stop();
    }
  });
});

const defaults = {
  subjectClaim: 'sub',
  rolesClaim: 'roles',
  leewaySeconds: 30,
  maxAgeSeconds: 43_200,
  keySets: { cacheMs: 600_000, cooldownMs: 30_000, timeoutMs: 5000 },
};

describe('TokenVerifier', () => {
  it('checks the lifetime of a remembered token on every use', async () => {
    const verifier = new TokenVerifier(keys);
    const token = await signToken({ ...claims, exp: now + 60 }, secret);
    expect((await verifier.verify(token, now)).sub).toBe(sub);
    expect((await verifier.verify(token, now + 60)).sub).toBe(sub);
    await expect(verifier.verify(token, now + 91)).rejects.toThrow('expired');
  });

  it('remembers nothing about a token that failed', async () => {
    const verifier = new TokenVerifier(keys);
    const forged = await signToken(
      claims,
      new TextEncoder().encode('another secret, 32 bytes long....'),
    );
    await expect(verifier.verify(forged, now)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(forged, now)).rejects.toThrow(InvalidTokenError);
  });
});
