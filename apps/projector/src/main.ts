import 'reflect-metadata';
import { createHttpApp, readConfig } from '#platform';
import { ProjectorModule } from './projector.module';

const main = async () => {
  const config = readConfig();
  const app = await createHttpApp(ProjectorModule, {
    title: 'Kroonika projector',
    description: 'Projection status and metrics.',
    bodyLimitBytes: 1024,
  });
  await app.listen(config.projectorPort, config.host);
  process.stdout.write(
    `projector status on ${await app.getUrl()}/status (events: ${config.eventStoreUrl} → reads: ${config.readStoreUrl})\n`,
  );
};

void main();
