import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  ActivityHandler,
  ActOnDealHandler,
  companyRegistryProvider,
  FetchRegistryDataHandler,
  ReassignHandler,
} from '#commands';

/**
 * The command bus of the workers and the handlers their duties send commands to — the same
 * handlers as the command API's (libs/commands): the workflow rules' reactions, incoming
 * e-mail logged as interactions.
 */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    ActivityHandler,
    ReassignHandler,
    ActOnDealHandler,
    companyRegistryProvider,
    FetchRegistryDataHandler,
  ],
})
export class CommandsModule {}
