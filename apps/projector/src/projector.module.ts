import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { openEventStore, type EventStore } from '#event-store';
import { APP_GUARD } from '@nestjs/core';
import {
  createAuthGuard,
  OperationsModule,
  operationsControllers,
  readConfig,
  readinessChecks,
  storeReadiness,
} from '#platform';
import { createReadStore, LeaseKeeper, type ReadStore } from '#read-store';
import { collections } from '#read-models';
import { projectionsFor } from './projections';
import { ProjectionRunner } from './runner/projection-runner';
import { registerProjectorMetrics } from './status/projector-metrics';
import { StatusController } from './status/status.controller';

const EVENT_STORE = Symbol('EVENT_STORE');
const READ_STORE = Symbol('READ_STORE');

@Module({
  imports: [OperationsModule.forApp('projector', readConfig().logLevel)],
  controllers: [StatusController, ...operationsControllers],
  providers: [
    {
      provide: EVENT_STORE,
      useFactory: (): EventStore => openEventStore(readConfig()),
    },
    {
      provide: READ_STORE,
      useFactory: (): ReadStore => createReadStore(readConfig().readStoreUrl),
    },
    // Only the rebuild needs a token (an admin's); status and metrics are public.
    { provide: APP_GUARD, useFactory: createAuthGuard, inject: [EVENT_STORE] },
    readinessChecks([EVENT_STORE, READ_STORE], (events: EventStore, reads: ReadStore) =>
      storeReadiness(events, reads),
    ),
    {
      provide: ProjectionRunner,
      useFactory: (events: EventStore, reads: ReadStore) =>
        new ProjectionRunner(events, reads, projectionsFor({ timeZone: readConfig().timezone }), {
          batchSize: readConfig().projectorBatchSize,
          current: Object.values(collections),
          // One copy projects at a time; a second one stands by and takes over (ADR 0026).
          lease: new LeaseKeeper(reads, 'projector', {
            ttlMs: readConfig().leaseTtlMs,
            onChange: (held) => {
              new Logger('projector').log(held ? 'projecting (lease taken)' : 'standing by');
            },
          }),
          onSettingsChanged: (name, recorded, now) => {
            const said = (settings: Record<string, unknown>) =>
              Object.entries(settings)
                .map(([key, value]) => `${key} ${String(value)}`)
                .join(', ');
            new Logger('projector').warn(
              `${name} was filed with ${said(recorded)}, today's settings are ${said(now)}: rebuilding it beside the live one, which answers until the copy takes its place`,
            );
          },
          onError: (error) => {
            const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
            new Logger('projector').error(`batch failed, resuming from the checkpoints: ${detail}`);
          },
        }),
      inject: [EVENT_STORE, READ_STORE],
    },
  ],
})
export class ProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  async onApplicationBootstrap() {
    registerProjectorMetrics(this.runner);
    await this.runner.start();
  }

  async onApplicationShutdown() {
    await this.runner.stop();
    await this.reads.close();
    await this.events.close();
  }
}
