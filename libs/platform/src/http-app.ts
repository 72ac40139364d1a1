import { type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type ProblemMapper, ProblemFilter } from './problem';
import { validationPipe } from './validation';

export type HttpAppOptions = {
  title: string;
  description: string;
  bodyLimitBytes: number;
  mappers?: ProblemMapper[];
  logger?: boolean;
  /** Browser origins allowed by CORS; none (the default) leaves CORS off. */
  corsOrigins?: string[];
};

// The headers OWASP's REST security guidance names for JSON APIs; built once, set per request.
const apiHeaders: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
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

export const openApiDocument = (app: INestApplication, options: HttpAppOptions): OpenAPIObject =>
  SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
  );

/** A Fastify-based Nest app with problem+json errors, strict validation and OpenAPI at /docs. */
export const createHttpApp = async (
  module: Type,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({ bodyLimit: options.bodyLimitBytes, trustProxy: false }),
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its plain options object as a class
    { logger: options.logger === false ? false : ['error', 'warn'] },
  );
  securityHeaders(app);
  if (options.corsOrigins && options.corsOrigins.length > 0)
    app.enableCors({
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
    });
  app.useGlobalFilters(new ProblemFilter(options.mappers));
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, openApiDocument(app, options), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
};
