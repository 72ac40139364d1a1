import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { createEventStore, type EventStore } from '#event-store';
import { HealthController, readConfig } from '#platform';
import { ActorGuard } from './command-handling/actor.guard';
import { AggregateRepository } from './command-handling/aggregate-repository';
import { CustomersController } from './customers/customers.controller';
import { RegisterCustomerHandler } from './customers/customers.commands';
import { ActOnDealHandler, OpenDealHandler } from './deals/deals.commands';
import { DealsController } from './deals/deals.controller';

import { IssueInvoiceHandler } from './invoices/invoices.commands';
import { InvoicesController } from './invoices/invoices.controller';
import { LeadsController } from './leads/leads.controller';
import { leadHandlers } from './leads/leads.handlers';
import { DefinePipelineHandler } from './pipelines/pipelines.commands';
import { PipelinesController } from './pipelines/pipelines.controller';

export const EVENT_STORE = Symbol('EVENT_STORE');

@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [
    HealthController,
    LeadsController,
    CustomersController,
    PipelinesController,
    DealsController,
    InvoicesController,
  ],
  providers: [
    {
      provide: EVENT_STORE,
      useFactory: (): EventStore => createEventStore(readConfig().eventStoreUrl),
    },
    {
      provide: AggregateRepository,
      useFactory: (store: EventStore) => new AggregateRepository(store),
      inject: [EVENT_STORE],
    },
    { provide: APP_GUARD, useClass: ActorGuard },
    ...leadHandlers,
    RegisterCustomerHandler,
    DefinePipelineHandler,
    OpenDealHandler,
    ActOnDealHandler,
    IssueInvoiceHandler,
  ],
})
export class CommandApiModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown() {
    await this.store.close();
  }
}
