import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Config } from '#platform';

/** Where `npm run build` writes the console's bundle (dist/console). */
export const consoleRoot = join(__dirname, '..', '..', '..', '..', 'console');

/** What the console reads before it signs in: where commands go, and how to sign in. */
export const consoleSettings = (config: Config) => ({
  commandUrl: config.console.commandUrl,
  // The claims that name the user and their roles, as the APIs read them (AUTH_*_CLAIM).
  claims: { subject: config.auth.subjectClaim, roles: config.auth.rolesClaim },
  ...(config.auth.oidcIssuer && config.console.oidcClientId
    ? { oidc: { issuer: config.auth.oidcIssuer, clientId: config.console.oidcClientId } }
    : {}),
});

/**
 * The web console at /console: static files of the bundle, and its settings at
 * /console/settings.json. No token is needed to load it; everything it shows it asks the two
 * APIs for with the user's token. Its pages may run their own script and reach the command
 * API (and the OIDC issuer) and nothing else.
 */
export const serveConsole = async (app: NestFastifyApplication, config: Config) => {
  if (!existsSync(join(consoleRoot, 'index.html')))
    throw new Error(`the console is not built (${consoleRoot}): run npm run build`);
  const settings = consoleSettings(config);
  const connect = ["'self'", new URL(settings.commandUrl).origin];
  if (settings.oidc) connect.push(new URL(settings.oidc.issuer).origin);
  const headers = {
    'cache-control': 'no-cache',
    'content-security-policy': [
      "default-src 'self'",
      `connect-src ${connect.join(' ')}`,
      "img-src 'self' data: blob:",
      "style-src 'self'",
      "script-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'referrer-policy': 'no-referrer',
  };
  const instance = app.getHttpAdapter().getInstance();
  // Set after the API's own security headers (onRequest), so the console's replace them.
  instance.addHook('onSend', (request, reply, payload, done) => {
    if (request.url === '/console' || request.url.startsWith('/console/'))
      void reply.headers(headers);
    done(null, payload);
  });
  instance.get('/console', (_request, reply) => reply.redirect('/console/', 302));
  instance.get('/console/settings.json', (_request, reply) => reply.send(settings));
  await app.register(fastifyStatic, {
    root: consoleRoot,
    prefix: '/console/',
    decorateReply: false,
    index: ['index.html'],
    wildcard: false,
  });
};
