// Mints a token for the embedded default (HS256, signed with the local or configured secret):
//   npm run -s token -- [--sub <staff id>] [--roles sales,manager] [--ttl 8h]
// Without --sub, the initial admin registered on the first start is used.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale, root } from './build-if-stale.mjs';

const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      sub: { type: 'string' },
      roles: { type: 'string', default: 'admin,manager,sales' },
      ttl: { type: 'string', default: '8h' },
    },
  }));
} catch (error) {
  fail(`${error.message}\nusage: npm run -s token -- [--sub <staff id>] [--roles a,b] [--ttl 8h]`);
}

buildIfStale();
const require = createRequire(import.meta.url);
const { signToken } = require(join(root, 'dist/libs/platform/src/auth/jwt.js'));
const { localSecret } = require(join(root, 'dist/libs/platform/src/auth/keys.js'));

const dataDir = process.env.DATA_DIR ?? './data';
if (
  process.env.AUTH_JWT_PUBLIC_KEY_FILE ||
  process.env.AUTH_JWKS_FILE ||
  process.env.AUTH_JWKS_URL ||
  process.env.AUTH_OIDC_ISSUER
)
  fail('Tokens for public keys come from your identity provider, not from this command.');
const secret = process.env.AUTH_JWT_SECRET
  ? Buffer.from(process.env.AUTH_JWT_SECRET.trim())
  : process.env.AUTH_JWT_SECRET_FILE
    ? Buffer.from(readFileSync(process.env.AUTH_JWT_SECRET_FILE, 'utf8').trim())
    : localSecret(dataDir);

const adminFile = join(dataDir, 'initial-admin-id');
const sub =
  args.sub ??
  (existsSync(adminFile)
    ? readFileSync(adminFile, 'utf8').trim()
    : fail('No --sub given and no initial admin yet: start the service once (npm start).'));

const ttl = /^(\d+)([smhd]?)$/.exec(args.ttl) ?? fail('--ttl must look like 900, 15m, 8h or 7d');
const seconds = Number(ttl[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[ttl[2]];
const roles = args.roles
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean);
const now = Math.floor(Date.now() / 1000);
const claims = {
  sub,
  roles,
  iat: now,
  exp: now + seconds,
  ...(process.env.AUTH_JWT_ISSUER ? { iss: process.env.AUTH_JWT_ISSUER } : {}),
  ...(process.env.AUTH_JWT_AUDIENCE ? { aud: process.env.AUTH_JWT_AUDIENCE } : {}),
};
process.stdout.write(`${await signToken(claims, new Uint8Array(secret))}\n`);
