import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';

type SigningKey = { kid: string; privateKey: KeyObject; publicKey: KeyObject };

/** A local OpenID provider for tests: discovery, a JWKS that rotates, and tokens it signs. */
export type IdentityProvider = {
  issuer: string;
  jwksUri: string;
  /** How many times the key set was fetched. */
  readonly jwksRequests: number;
  /** A token signed with the current key, or with the one the last rotation retired. */
  token(claims: Record<string, unknown>, key?: 'current' | 'retired'): Promise<string>;
  /** A new signing key replaces the current one, which leaves the key set. */
  rotate(): Promise<void>;
  stop(): Promise<void>;
};

const newKey = (n: number): SigningKey => ({
  kid: `key-${n}`,
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }),
});

export const startIdentityProvider = async (): Promise<IdentityProvider> => {
  let generation = 1;
  let current = newKey(generation);
  let retired: SigningKey | undefined;
  let jwksRequests = 0;
  const server = createServer((request, response) => {
    void (async () => {
      const { port } = server.address() as AddressInfo;
      const issuer = `http://127.0.0.1:${port}`;
      response.setHeader('content-type', 'application/json');
      if (request.url === '/.well-known/openid-configuration')
        response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (request.url === '/jwks') {
        jwksRequests += 1;
        const jwk = await exportJWK(current.publicKey);
        response.end(
          JSON.stringify({ keys: [{ ...jwk, kid: current.kid, alg: 'ES256', use: 'sig' }] }),
        );
      } else {
        response.statusCode = 404;
        response.end('{}');
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    get jwksRequests() {
      return jwksRequests;
    },
    token: (claims, key = 'current') => {
      const signing = key === 'current' ? current : retired;
      if (!signing) throw new Error('no key has been retired yet');
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, iat: now, exp: now + 600, ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: signing.kid, typ: 'JWT' })
        .sign(signing.privateKey);
    },
    rotate: () => {
      generation += 1;
      retired = current;
      current = newKey(generation);
      return Promise.resolve();
    },
    stop: () =>
      new Promise<void>((done) =>
        server.close(() => {
          done();
        }),
      ),
  };
};
