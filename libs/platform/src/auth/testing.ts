import { createHash, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
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
  /** Authorization codes handed out and access tokens issued for them (code + PKCE). */
  readonly logins: number;
  stop(): Promise<void>;
};

const newKey = (n: number): SigningKey => ({
  kid: `key-${n}`,
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }),
});

/**
 * Who signs in through the provider's authorization endpoint (authorization code + PKCE
 * S256, for a public client such as the web console): the client it serves and the claims of
 * the access token it issues. The user is signed in at once, without a page.
 */
export type ProviderLogin = { clientId: string; claims: Record<string, unknown> };

const readBody = (request: IncomingMessage) =>
  new Promise<string>((done) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      done(body);
    });
  });

export const startIdentityProvider = async (login?: ProviderLogin): Promise<IdentityProvider> => {
  let generation = 1;
  let logins = 0;
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  let current = newKey(generation);
  let retired: SigningKey | undefined;
  let jwksRequests = 0;
  const server = createServer((request, response) => {
    void (async () => {
      const { port } = server.address() as AddressInfo;
      const issuer = `http://127.0.0.1:${port}`;
      const url = new URL(request.url ?? '/', issuer);
      response.setHeader('content-type', 'application/json');
      // A browser app reads discovery and trades its code from its own origin.
      response.setHeader('access-control-allow-origin', '*');
      response.setHeader('access-control-allow-headers', 'content-type');
      if (request.method === 'OPTIONS') {
        response.statusCode = 204;
        response.end();
      } else if (url.pathname === '/.well-known/openid-configuration')
        response.end(
          JSON.stringify({
            issuer,
            jwks_uri: `${issuer}/jwks`,
            ...(login
              ? {
                  authorization_endpoint: `${issuer}/authorize`,
                  token_endpoint: `${issuer}/token`,
                  code_challenge_methods_supported: ['S256'],
                }
              : {}),
          }),
        );
      else if (login && url.pathname === '/authorize') {
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        const challenge = q.get('code_challenge') ?? '';
        if (
          q.get('response_type') !== 'code' ||
          q.get('client_id') !== login.clientId ||
          q.get('code_challenge_method') !== 'S256' ||
          !/^[A-Za-z0-9_-]{43}$/.test(challenge) ||
          !redirectUri
        ) {
          response.statusCode = 400;
          response.end(JSON.stringify({ error: 'invalid_request' }));
          return;
        }
        const code = randomUUID();
        codes.set(code, { challenge, redirectUri });
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        response.statusCode = 302;
        response.setHeader('location', back.toString());
        response.end();
      } else if (login && url.pathname === '/token' && request.method === 'POST') {
        const form = new URLSearchParams(await readBody(request));
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (
          !code ||
          form.get('grant_type') !== 'authorization_code' ||
          form.get('client_id') !== login.clientId ||
          form.get('redirect_uri') !== code.redirectUri ||
          createHash('sha256').update(verifier).digest('base64url') !== code.challenge
        ) {
          response.statusCode = 400;
          response.end(JSON.stringify({ error: 'invalid_grant' }));
          return;
        }
        logins += 1;
        const now = Math.floor(Date.now() / 1000);
        const accessToken = await new SignJWT({
          iss: issuer,
          iat: now,
          exp: now + 600,
          ...login.claims,
        })
          .setProtectedHeader({ alg: 'ES256', kid: current.kid, typ: 'JWT' })
          .sign(current.privateKey);
        response.end(
          JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 600 }),
        );
      } else if (url.pathname === '/jwks') {
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
    get logins() {
      return logins;
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
