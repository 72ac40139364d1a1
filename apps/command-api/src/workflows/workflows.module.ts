import { Controller, Get, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type EventStore } from '#event-store';
import {
  OperationsModule,
  operationsControllers,
  readConfig,
  readinessChecks,
  storeReadiness,
} from '#platform';
import { type ReadStore } from '#read-store';
import { ActivityHandler } from '../activities/activities.commands';
import { ActOnDealHandler } from '../deals/deals.commands';
import { companyRegistryProvider, FetchRegistryDataHandler } from '../registry/registry';
import { ReassignHandler } from '../staff/reassign.command';
import { ReactHandler } from './workflow-reactions';
import { WorkflowRunner } from './workflow-runner';
import { WorkflowSagas } from './workflow-sagas';
import { EVENT_STORE, READ_STORE, storeProviders } from '#commands';

@ApiTags('status')
@Controller('status')
export class WorkflowStatusController {
  constructor(private readonly runner: WorkflowRunner) {}

  /** Where the runner is in the log, its rules, open offers it watches, reactions per rule. */
  @Get()
  status() {
    return this.runner.status();
  }
}

/**
 * The workflow runner, a process of its own: the rules' sagas, and the command handlers their
 * reactions go to (the same as the command API's), over the same stores.
 */
@Module({
  imports: [CqrsModule.forRoot(), OperationsModule.forApp('workflows', readConfig().logLevel)],
  controllers: [...operationsControllers, WorkflowStatusController],
  providers: [
    ...storeProviders,
    readinessChecks([EVENT_STORE, READ_STORE], (events: EventStore, reads: ReadStore) =>
      storeReadiness(events, reads),
    ),
    WorkflowSagas,
    ReactHandler,
    ActivityHandler,
    ReassignHandler,
    ActOnDealHandler,
    companyRegistryProvider,
    FetchRegistryDataHandler,
    WorkflowRunner,
  ],
})
export class WorkflowsModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  async onApplicationShutdown() {
    await this.reads.close();
    await this.store.close();
  }
}
