import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { HealthController, readConfig } from '#platform';
import { createReadStore, type ReadStore } from '#read-store';
import { MinPositionInterceptor } from './consistency/min-position.interceptor';
import { CustomersController } from './customers/customers.controller';
import { CustomersService } from './customers/customers.service';

import { InvoicesController } from './invoices/invoices.controller';
import { LeadsController } from './leads/leads.controller';
import { PipelinesController } from './pipelines/pipelines.controller';
import { PipelinesService } from './pipelines/pipelines.service';
import { READ_STORE } from './shared/read-store.provider';

@Module({
  controllers: [
    HealthController,
    CustomersController,
    PipelinesController,
    InvoicesController,
    LeadsController,
  ],
  providers: [
    {
      provide: READ_STORE,
      useFactory: (): ReadStore => createReadStore(readConfig().readStoreUrl),
    },
    { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
    CustomersService,
    PipelinesService,
  ],
})
export class QueryApiModule implements OnApplicationShutdown {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  async onApplicationShutdown() {
    await this.store.close();
  }
}
