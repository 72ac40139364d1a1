import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { openEventStore, type EventStore } from '#event-store';
import {
  type BlobStore,
  createAuthGuard,
  FsBlobStore,
  OperationsModule,
  operationsControllers,
  projectorReadiness,
  readConfig,
  readinessChecks,
  storeReadiness,
} from '#platform';
import { createReadStore, type ReadStore } from '#read-store';
import { MinPositionGuard } from './consistency/min-position.guard';
import { CustomersController } from './customers/customers.controller';
import { CustomFieldsController } from './custom-fields/custom-fields';
import { DealsController } from './pipelines/deals.controller';
import { OffersController } from './offers/offers.controller';
import { CustomersService } from './customers/customers.service';

import { InvoicesController } from './invoices/invoices.controller';
import { BankStatementsController } from './bank-statements/bank-statements.controller';
import { LeadsController } from './leads/leads.controller';
import { PipelinesController } from './pipelines/pipelines.controller';
import { PipelinesService } from './pipelines/pipelines.service';
import { READ_STORE } from './shared/read-store.provider';
import { EVENT_STORE } from './shared/event-store.provider';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { StaffController } from './staff/staff.controller';
import { ActivitiesController } from './activities/activities.controller';
import { TicketsController } from './tickets/tickets.controller';
import { CalendarFeedsController } from './calendar/calendar-feeds.controller';
import { AgreementsController } from './agreements/agreements.controller';
import { ProductsController } from './products/products.controller';
import { EmailsController } from './emails/emails.controller';
import { LeadIntakeController } from './lead-intake/lead-intake.controller';
import { InboundEmailsController } from './inbound-emails/inbound-emails.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { WorkflowRulesController } from './workflows/workflow-rules.controller';
import { SegmentsController } from './segments/segments.controller';
import { SearchController } from './search/search.controller';
import { ReportsController } from './reports/reports.controller';
import { BLOB_STORE, DocumentsController } from './documents/documents.controller';

@Module({
  imports: [OperationsModule.forApp('query-api', readConfig().logLevel)],
  controllers: [
    ...operationsControllers,
    CustomersController,
    PipelinesController,
    DealsController,
    OffersController,
    CustomFieldsController,
    InvoicesController,
    BankStatementsController,
    LeadsController,
    StaffController,
    DocumentsController,
    ActivitiesController,
    TicketsController,
    EmailsController,
    LeadIntakeController,
    AgreementsController,
    ProductsController,
    CalendarFeedsController,
    InboundEmailsController,
    WebhooksController,
    CampaignsController,
    WorkflowRulesController,
    ReportsController,
    AuditController,
    SegmentsController,
    SearchController,
  ],
  providers: [
    {
      provide: READ_STORE,
      useFactory: (): ReadStore => createReadStore(readConfig().readStoreUrl),
    },
    {
      // Tokens are checked against the staff streams, so a deactivation counts at once.
      provide: EVENT_STORE,
      useFactory: (): EventStore => openEventStore(readConfig()),
    },
    // Guards run in this order: the token's first, then X-Min-Position's wait.
    { provide: APP_GUARD, useFactory: createAuthGuard, inject: [EVENT_STORE] },
    { provide: APP_GUARD, useClass: MinPositionGuard },
    readinessChecks([EVENT_STORE, READ_STORE], (events: EventStore, reads: ReadStore) => {
      const { projectorStatusUrl, readyMaxLagSeconds } = readConfig();
      return [
        ...storeReadiness(events, reads),
        ...(readyMaxLagSeconds === undefined
          ? []
          : [projectorReadiness(projectorStatusUrl, readyMaxLagSeconds)]),
      ];
    }),
    {
      provide: BLOB_STORE,
      useFactory: (): BlobStore => new FsBlobStore(readConfig().blobStorePath),
    },
    CustomersService,
    PipelinesService,
    AuditService,
  ],
})
export class QueryApiModule implements OnApplicationShutdown {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async onApplicationShutdown() {
    await this.store.close();
    await this.events.close();
  }
}
