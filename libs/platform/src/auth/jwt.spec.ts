import { createSign, generateKeyPairSync } from 'node:crypto';
import {
  InvalidTokenError,
  signToken,
  TokenVerifier,
  verifyToken,
  type VerificationKeys,
} from './jwt';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');
const sub = '7f6c2d8e-2a6b-4c1e-9a0d-3b1f5e2c4d6a';
const now = 1_800_000_000;
const keys: VerificationKeys = { secret, publicKeys: [] };
const claims = { sub, roles: ['sales'], exp: now + 600, iat: now };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

const refusal = (token: string, k: VerificationKeys = keys, extra = {}) => {
  try {
    verifyToken(token, k, { nowSeconds: now, ...extra });
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidTokenError);
    if (token.length > 3) expect((e as Error).message).not.toContain(token);
    return (e as Error).message;
  }
  throw new Error('the token was accepted');
};

describe('verifyToken', () => {
  it('accepts a valid HS256 token', () => {
    expect(verifyToken(signToken(claims, secret), keys, { nowSeconds: now })).toEqual(claims);
  });

  it('refuses a changed payload', () => {
    const [h, , s] = signToken(claims, secret).split('.');
    const forged = `${h}.${b64({ ...claims, roles: ['admin'] })}.${s}`;
    expect(refusal(forged)).toMatch(/signature/);
  });

  it('refuses a token signed with another key', () => {
    expect(refusal(signToken(claims, Buffer.from('another secret, 32 bytes long....')))).toMatch(
      /signature/,
    );
  });

  it('refuses an expired token and one not valid yet', () => {
    expect(refusal(signToken({ ...claims, exp: now - 31 }, secret))).toMatch(/expired/);
    expect(refusal(signToken({ ...claims, nbf: now + 31 }, secret))).toMatch(/not valid yet/);
  });

  it('allows 30 seconds of clock skew', () => {
    expect(() =>
      verifyToken(signToken({ ...claims, exp: now - 29 }, secret), keys, { nowSeconds: now }),
    ).not.toThrow();
  });

  it('refuses alg none, with or without a signature', () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`;
    expect(refusal(`${unsigned}.`)).toMatch(/not a signed JWT/);
    expect(refusal(`${unsigned}.c2ln`)).toMatch(/algorithm "none"/);
  });

  it('refuses a token without exp, without sub or with a sub that is no staff id', () => {
    const { exp: _e, ...noExp } = claims;
    expect(refusal(signToken(noExp as typeof claims, secret))).toMatch(/exp/);
    const { sub: _s, ...noSub } = claims;
    expect(refusal(signToken(noSub as typeof claims, secret))).toMatch(/sub/);
    expect(refusal(signToken({ ...claims, sub: 'anna' }, secret))).toMatch(/sub/);
    expect(refusal(signToken({ ...claims, roles: 'admin' } as never, secret))).toMatch(/roles/);
  });

  it('refuses malformed tokens', () => {
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', '!!.!!.!!', `${b64('x')}.${b64(claims)}.c2ln`])
      expect(refusal(bad)).toBeDefined();
  });

  it('checks issuer and audience when configured', () => {
    const token = signToken({ ...claims, iss: 'idp', aud: ['crm', 'other'] }, secret);
    expect(() =>
      verifyToken(token, keys, { nowSeconds: now, issuer: 'idp', audience: 'crm' }),
    ).not.toThrow();
    expect(refusal(token, keys, { issuer: 'other' })).toMatch(/issuer/);
    expect(refusal(token, keys, { audience: 'billing' })).toMatch(/audience/);
  });

  describe('RS256', () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaKeys: VerificationKeys = { publicKeys: [{ kid: 'k1', key: pair.publicKey }] };
    const rs256 = (header: object, payload: object, key = pair.privateKey) => {
      const input = `${b64(header)}.${b64(payload)}`;
      const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
      return `${input}.${signature}`;
    };

    it('accepts a token signed with the private key', () => {
      expect(
        verifyToken(rs256({ alg: 'RS256', kid: 'k1' }, claims), rsaKeys, { nowSeconds: now }).sub,
      ).toBe(sub);
    });

    it('refuses another private key and an unknown kid', () => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      expect(refusal(rs256({ alg: 'RS256' }, claims, other), rsaKeys)).toMatch(/signature/);
      expect(refusal(rs256({ alg: 'RS256', kid: 'k9' }, claims), rsaKeys)).toMatch(/no key/);
    });

    it('refuses HS256 signed with the public key (algorithm confusion)', () => {
      const pem = pair.publicKey.export({ type: 'spki', format: 'pem' });
      expect(refusal(signToken(claims, Buffer.from(pem)), rsaKeys)).toMatch(/HS256/);
    });
  });
});

describe('TokenVerifier', () => {
  it('checks the lifetime of a remembered token on every use', () => {
    const verifier = new TokenVerifier(keys);
    const token = signToken({ ...claims, exp: now + 60 }, secret);
    expect(verifier.verify(token, now).sub).toBe(sub);
    expect(verifier.verify(token, now + 60).sub).toBe(sub);
    expect(() => verifier.verify(token, now + 91)).toThrow('expired');
  });

  it('remembers nothing about a token that failed', () => {
    const verifier = new TokenVerifier(keys);
    const forged = signToken(claims, Buffer.from('another secret, 32 bytes long....'));
    expect(() => verifier.verify(forged, now)).toThrow(InvalidTokenError);
    expect(() => verifier.verify(forged, now)).toThrow(InvalidTokenError);
  });
});
