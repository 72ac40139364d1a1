import 'reflect-metadata';
import multipart from '@fastify/multipart';
import { DomainError } from '#domain';
import { PartialDuplicateAppendError } from '#event-store';
import {
  createHttpApp,
  problem,
  type ProblemMapper,
  readConfig,
  RegistryNotConfiguredError,
  RegistryRefusedError,
  RegistryUnavailableError,
} from '#platform';
import { CommandApiModule } from './command-api.module';
import { IdempotencyKeys } from './command-handling/idempotency-keys';
import { shapeCommandAnswer } from './command-handling/command-result';
import { HandOverIncompleteError } from './staff/hand-over';
import { ConcurrencyExhaustedError, RevisionMismatchError, ReadSideBehindError } from '#commands';

const retry = { 'retry-after': '2' };

const domainProblems: ProblemMapper = (error) => {
  if (error instanceof DomainError) {
    switch (error.code) {
      case 'not_found':
        return problem(404, error.rule, 'Not found', error.message);
      case 'already_exists':
      case 'rule_violated':
        return problem(409, error.rule, 'Business rule violated', error.message);
    }
  }
  if (error instanceof RevisionMismatchError)
    return problem(412, 'revision-mismatch', 'Precondition failed', error.message, {
      currentRevision: error.actual,
    });
  if (error instanceof ConcurrencyExhaustedError)
    return problem(409, 'concurrent-modification', 'Concurrent modification', error.message);
  if (error instanceof HandOverIncompleteError)
    return problem(503, 'hand-over-incomplete', 'Hand-over incomplete', error.message, {}, retry);
  if (error instanceof ReadSideBehindError)
    return problem(503, 'read-side-behind', 'Read models behind', error.message, {}, retry);
  if (error instanceof RegistryUnavailableError)
    return problem(
      503,
      'registry-unavailable',
      'Registry unavailable',
      error.message,
      {},
      {
        'retry-after': '30',
      },
    );
  if (error instanceof RegistryRefusedError)
    return problem(502, 'registry-refused', 'Registry refused the request', error.message);
  if (error instanceof RegistryNotConfiguredError)
    // The service's configuration, not a passing outage: trying again will not help.
    return problem(409, 'registry-not-configured', 'No registry configured', error.message);
  if (error instanceof PartialDuplicateAppendError)
    return problem(409, 'idempotency-conflict', 'Idempotency conflict', error.message);
  return undefined;
};

const main = async () => {
  const config = readConfig();
  const app = await createHttpApp(CommandApiModule, {
    title: 'Kroonika command API',
    description: 'Commands that append events to the customer history.',
    bodyLimitBytes: config.bodyLimitBytes,
    // The console (served by the query API) sends its commands from the query API's origin.
    corsOrigins: [...new Set([...config.corsOrigins, ...config.console.origins])],
    mappers: [domainProblems],
    commands: true,
  });
  // What a command's answer carries besides its body, and the Idempotency-Key recorded once it
  // succeeded: hooks on every answer, added before the routes are.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preSerialization', shapeCommandAnswer);
  fastify.addHook('onSend', app.get(IdempotencyKeys).recordAfterSuccess);
  await app.register(multipart, { limits: { fileSize: config.documentMaxBytes + 1, files: 1 } });
  // Bank statements arrive as the XML files banks export, larger than command bodies.
  fastify.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'buffer', bodyLimit: config.statementMaxBytes },
    (_request, body, done) => {
      done(null, body);
    },
  );
  await app.listen(config.commandPort, config.host);
  process.stdout.write(
    `command-api listening on ${await app.getUrl()} (events: ${config.eventStoreUrl})\n`,
  );
};

void main();
