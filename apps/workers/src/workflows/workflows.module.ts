import { Controller, Get, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  ActivityHandler,
  ActOnDealHandler,
  companyRegistryProvider,
  FetchRegistryDataHandler,
  ReassignHandler,
} from '#commands';
import { ReactHandler } from './workflow-reactions';
import { WorkflowRunner } from './workflow-runner';
import { WorkflowSagas } from './workflow-sagas';

@ApiTags('status')
@Controller('workflows')
export class WorkflowStatusController {
  constructor(private readonly runner: WorkflowRunner) {}

  /** Where the runner is in the log, its rules, open offers it watches, reactions per rule. */
  @Get('status')
  status() {
    return this.runner.status();
  }
}

/**
 * The workflow runner: the rules' sagas over the event log, and the command handlers their
 * reactions go to — the same handlers as the command API's, through the command bus.
 */
@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [WorkflowStatusController],
  providers: [
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
export class WorkflowsModule {}
