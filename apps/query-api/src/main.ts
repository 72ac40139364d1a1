import 'reflect-metadata';
import { InvalidCursorError } from '#read-store';
import { createHttpApp, problem, readConfig } from '#platform';
import { serveConsole } from './console/serve-console';
import { answerComponents } from './openapi/answer';
import { QueryApiModule } from './query-api.module';

const main = async () => {
  const config = readConfig();
  const app = await createHttpApp(QueryApiModule, {
    title: 'Kroonika query API',
    description: 'Read models of the customer history.',
    bodyLimitBytes: 16 * 1024,
    corsOrigins: config.corsOrigins,
    document: { readYourWrites: true, schemas: answerComponents },
    mappers: [
      (e) =>
        e instanceof InvalidCursorError
          ? problem(400, 'invalid-cursor', 'Invalid cursor', e.message)
          : undefined,
    ],
  });
  await serveConsole(app, config);
  await app.listen(config.queryPort, config.host);
  process.stdout.write(
    `query-api listening on ${await app.getUrl()} (reads: ${config.readStoreUrl})\n`,
  );
};

void main();
