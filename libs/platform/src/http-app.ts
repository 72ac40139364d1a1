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
};

export const openApiDocument = (app: INestApplication, options: HttpAppOptions): OpenAPIObject =>
  SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description)
      .setVersion('1')
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
  app.useGlobalFilters(new ProblemFilter(options.mappers));
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, openApiDocument(app, options), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
};
