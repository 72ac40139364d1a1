import { Controller, Get, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
 * The workflow runner: the rules' sagas over the event log; their reactions go through the
 * command bus to the handlers the command API uses too (CommandsModule).
 */
@Module({
  controllers: [WorkflowStatusController],
  providers: [WorkflowSagas, ReactHandler, WorkflowRunner],
})
export class WorkflowsModule {}
