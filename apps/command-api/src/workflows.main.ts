import 'reflect-metadata';
import { createHttpApp, readConfig } from '#platform';
import { WorkflowsModule } from './workflows/workflows.module';

/** The workflow runner: reacts to the event log by the admins' rules; GET /status on its port. */
const main = async () => {
  const config = readConfig();
  const app = await createHttpApp(WorkflowsModule, {
    title: 'Kroonika workflow runner',
    description: 'Reacts to events by the workflow rules, with commands of its own.',
    bodyLimitBytes: config.bodyLimitBytes,
  });
  await app.listen(config.workflows.port, config.host);
  process.stdout.write(
    `workflows listening on ${await app.getUrl()} (events: ${config.eventStoreUrl})\n`,
  );
};

void main();
