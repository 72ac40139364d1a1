import 'reflect-metadata';
import { createHttpApp, readConfig } from '#platform';
import { WorkersModule } from './workers.module';

/** The workers: background duties over the stores; health, readiness and metrics on its port. */
const main = async () => {
  const config = readConfig();
  const app = await createHttpApp(WorkersModule, {
    title: 'Kroonika workers',
    description: 'Background duties: e-mail, reminders, campaigns, webhooks, blob sweep.',
    bodyLimitBytes: 1024,
  });
  await app.listen(config.workersPort, config.host);
  process.stdout.write(
    `workers listening on ${await app.getUrl()} (events: ${config.eventStoreUrl})\n`,
  );
};

void main();
