import { type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyRequest, type RawServerDefault } from 'fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { accessPolicy, routeKey } from './auth/access-policy';
import { callerId, RequestLog, requestLoggerFactory } from './operations/logging';
import { theProcessLogger } from './operations/operations.module';
import { commandOutcomes, httpDuration } from './operations/metrics';
import { readConfig } from './config';
import {
  apiHeaders,
  clientErrorHandler,
  OperationMedia,
  publicLimiter,
  RouteTable,
  timesSent,
} from './http-edge';
import { completeDocument, type DocumentOptions } from './openapi/complete-document';
import { uuidPathParameters } from './openapi/uuid-parameters';
import { describeValidatedClasses } from './openapi/validation-schemas';
import {
  answerWithProblem,
  problem,
  type ProblemException,
  type ProblemMapper,
  ProblemFilter,
} from './problem';
import { refuseUnfinishedRestore } from './unfinished-restore';
import { validationPipe } from './validation';

/**
 * Every file a process writes — stores, their WAL, keys, blobs, exports — is its owner's
 * alone (0600 in 0700 directories), whatever umask it was started with.
 */
export const restrictFileModes = (): void => {
  process.umask(0o077);
};

export type HttpAppOptions = {
  title: string;
  description: string;
  bodyLimitBytes: number;
  mappers?: ProblemMapper[];
  logger?: boolean;
  /** Count answers to POST routes as commands (accepted, refused, failed) in the metrics. */
  commands?: boolean;
  /** Browser origins allowed by CORS; none (the default) leaves CORS off. */
  corsOrigins?: string[];
  document?: DocumentOptions;
};

// The OpenAPI page runs the Swagger UI's own scripts and styles from this origin.
const docsHeaders: Record<string, string> = {
  ...apiHeaders,
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
};

/** Security headers on every answer, errors included; API answers are never cached. */
const securityHeaders = (app: NestFastifyApplication) =>
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.headers(request.url.startsWith('/docs') ? docsHeaders : apiHeaders);
      done();
    });

/** The OpenAPI document of an app: its decorators, its validation rules, its errors. */
export const openApiDocument = (app: INestApplication, options: HttpAppOptions): OpenAPIObject => {
  const described = describeValidatedClasses();
  return completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(options.title)
        .setDescription(options.description)
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
        .addSecurityRequirements('bearer')
        .build(),
    ),
    described,
    { ...options.document, uuidParameters: uuidPathParameters(app) },
  );
};

/** Whether a request carries a body (a length above zero, or one sent in chunks). */
const hasBody = ({ headers }: FastifyRequest) =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/**
 * Why a body cannot be taken as its headers describe it: several Content-Type headers, a
 * media type the operation does not take (`types`, from its document: a text, a form or a
 * multipart body sent to a JSON command would otherwise be parsed as what it is and refused
 * field by field, or taken), or a Content-Encoding other than identity (RFC 9110 §15.5.16:
 * answered with the codings taken).
 */
const bodyRefusal = (request: FastifyRequest, types: string[]): ProblemException | undefined => {
  const refused = (detail: string, headers: Record<string, string> = {}) =>
    problem(415, 'unsupported-media-type', 'Unsupported media type', detail, {}, headers);
  if (timesSent(request.raw.rawHeaders, 'content-type') > 1)
    return refused('Send one Content-Type header, not several');
  const type = request.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  if (type !== undefined && hasBody(request) && !types.includes(type))
    return refused(`Send ${types.join(' or ')}`);
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && !/^\s*(identity\s*)?$/i.test(encoding))
    return refused('Send the body without a Content-Encoding: it is taken as sent', {
      'accept-encoding': 'identity',
    });
  return undefined;
};

/** An OPTIONS request that is not a CORS preflight (no Origin, or no method asked for). */
const strayOptions = (request: FastifyRequest) =>
  request.method === 'OPTIONS' &&
  (request.headers.origin === undefined ||
    request.headers['access-control-request-method'] === undefined);

/** A Fastify-based Nest app with problem+json errors, strict validation and OpenAPI at /docs. */
export const createHttpApp = async (
  module: Type,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> => {
  restrictFileModes();
  const { http, dataDir } = readConfig();
  // Before any store is opened: opening one creates it, empty, where the backup's belongs.
  refuseUnfinishedRestore(dataDir);
  const logger = options.logger === false ? undefined : theProcessLogger();
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({
      bodyLimit: options.bodyLimitBytes,
      // A JSON body is valid JSON whatever its keys: `__proto__` and `constructor.prototype`
      // keys are dropped while parsing (they could reach an object's prototype), not refused.
      onProtoPoisoning: 'remove',
      onConstructorPoisoning: 'remove',
      trustProxy: false,
      // A client that trickles its request in is cut off: the whole request, the headers and
      // an idle connection each have a limit.
      requestTimeout: http.requestTimeoutMs,
      connectionTimeout: http.idleTimeoutMs,
      keepAliveTimeout: http.keepAliveTimeoutMs,
      clientErrorHandler,
      // A path segment of any length reaches its route, whose pipes answer 400 problem+json
      // (the router's own limit of 100 would answer a bare 414 first).
      routerOptions: { maxParamLength: 2048 },
      // The request id on every log line: the caller's X-Request-Id when it is a plain token.
      requestIdHeader: false,
      genReqId: (request: { headers: IncomingMessage['headers'] }) =>
        callerId(request.headers['x-request-id']) ?? randomUUID(),
      // One JSON line per request from Fastify's own pino integration (operations/logging.ts).
      ...(logger
        ? {
            loggerInstance: logger,
            logController: new RequestLog(),
            childLoggerFactory: requestLoggerFactory,
          }
        : {}),
      http: {
        headersTimeout: Math.min(http.headersTimeoutMs, http.requestTimeoutMs),
        // Node checks the timeouts on this beat (30 s by default, too coarse for 30 s limits).
        connectionsCheckingInterval: 1000,
      },
    }),
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its plain options object as a class
    options.logger === false ? { logger: false } : { bufferLogs: true },
  );
  // Nest's own lines go to pino (JSON) like the requests' (OperationsModule).
  if (logger) app.useLogger(app.get(Logger));
  const instance = app.getHttpAdapter().getInstance();
  // JSON is UTF-8 (RFC 8259): a body that is not is refused, not read with its bytes replaced.
  const json = instance.getDefaultJsonParser('remove', 'remove');
  app.useBodyParser<RawServerDefault>(
    'application/json',
    { bodyLimit: options.bodyLimitBytes },
    (request, body, done) => {
      if (isUtf8(body)) void json(request, body.toString('utf8'), done);
      else
        done(problem(400, 'invalid-body', 'Invalid body', 'The body is not UTF-8 text'), undefined);
    },
  );
  const routes = new RouteTable();
  instance.addHook('onRoute', (route) => {
    routes.add(route.method, route.url);
  });
  securityHeaders(app);
  instance.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  instance.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    httpDuration.observe(
      { method: request.method, route, status: String(status) },
      reply.elapsedTime / 1000,
    );
    if (options.commands && request.method === 'POST' && request.routeOptions.url !== undefined)
      commandOutcomes.inc({
        route,
        outcome: status < 400 ? 'accepted' : status < 500 ? 'refused' : 'failed',
      });
    done();
  });
  // Requests that name no staff member are limited per address: public routes and unknown paths.
  const limiter = publicLimiter(http.publicPerSecond, http.publicBurst);
  instance.addHook('onRequest', (request, reply, done) => {
    const url = request.routeOptions.url;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (url !== undefined && accessPolicy[routeKey(method, url)] !== 'public') {
      done();
      return;
    }
    const wait = limiter.take(`address:${request.ip}`, Date.now());
    if (wait === 0) {
      done();
      return;
    }
    const refused = problem(
      429,
      'rate-limited',
      'Too many requests',
      `Retry in ${wait} s`,
      {},
      { 'retry-after': String(wait) },
    );
    void reply.send(answerWithProblem(reply, refused));
  });
  // A method the path does not serve is 405 before anything reads the body (whatever the
  // method: QUERY, PROPFIND, …), with the methods it does serve. OPTIONS is served only as a
  // CORS preflight (an Origin and the method asked for): any other OPTIONS is such a method
  // too, rather than the CORS plugin's plain-text 400.
  instance.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url !== undefined && !strayOptions(request)) {
      done();
      return;
    }
    const allowed = routes.allowed(request.url.split('?')[0] ?? '');
    if (allowed.length === 0) {
      // Off the routes: the app's own not-found answer (a stray OPTIONS included).
      if (request.routeOptions.url === undefined) done();
      else reply.callNotFound();
      return;
    }
    const refused = problem(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${request.method} is not served here; use ${allowed.join(', ')}`,
      {},
      { allow: allowed.join(', ') },
    );
    void reply.send(answerWithProblem(reply, refused));
  });
  // What the document says of each operation's media types (learnt once it is built, below).
  const media = new OperationMedia();
  // A body is of one media type, one the operation takes: of several Content-Type headers Node
  // keeps the first, and a proxy in front may have kept another. Bodies are taken as they are
  // sent: one said to be compressed (Content-Encoding other than identity) would be read as
  // its compressed bytes.
  instance.addHook('onRequest', (request, reply, done) => {
    const types = media.bodyTypes(request.method, request.routeOptions.url);
    const refused = types ? bodyRefusal(request, types) : undefined;
    if (refused) void reply.send(answerWithProblem(reply, refused));
    else done();
  });
  // An Accept header that takes none of the media types a route answers is 406, before the
  // request is looked at further (its token included); problems are problem+json regardless.
  instance.addHook('onRequest', (request, reply, done) => {
    const types = media.refused({
      method: request.method,
      url: request.routeOptions.url,
      headers: request.headers,
    });
    if (!types) {
      done();
      return;
    }
    const refused = problem(
      406,
      'not-acceptable',
      'Not acceptable',
      `The Accept header takes none of what this answers: ${types.join(', ')}`,
    );
    void reply.send(answerWithProblem(reply, refused));
  });
  if (options.corsOrigins && options.corsOrigins.length > 0) {
    const cors = {
      origin: options.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: [
        'authorization',
        'content-type',
        'idempotency-key',
        'if-match',
        'x-correlation-id',
        'x-min-position',
      ],
      exposedHeaders: ['etag', 'retry-after', 'x-read-position'],
      maxAge: 600,
    };
    // An OPTIONS without an Origin and the method asked for is no preflight: CORS leaves it to
    // the 405 above, instead of answering it 400 in plain text.
    app.enableCors({
      delegator: (request, callback) => {
        callback(null, strayOptions(request) ? { origin: false } : cors);
      },
    });
  }
  app.useGlobalFilters(new ProblemFilter(options.mappers));
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const document = openApiDocument(app, options);
  media.learn(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
};
