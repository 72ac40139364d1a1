import {
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { type EventStore } from '#event-store';
import {
  type BlobStore,
  createAuthGuard,
  FsBlobStore,
  OperationsModule,
  operationsControllers,
  readConfig,
  readinessChecks,
  storeReadiness,
} from '#platform';
import { type ReadStore } from '#read-store';
import { ActivitiesController } from './activities/activities.controller';
import { IdempotencyKeys } from './command-handling/idempotency-keys';
import { CustomerActionHandler } from './customers/customer-actions';
import { RegisterCustomerHandler } from './customers/customers.commands';
import { CustomersController } from './customers/customers.controller';
import { DealsController } from './deals/deals.controller';
import { InvoiceHandler, InvoiceProcessHandler } from './invoices/invoices.commands';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoiceLookup } from './invoices/invoice-lookup';
import { bankStatementHandlers, BankStatementsController } from './bank-statements/bank-statements';
import { LeadsController } from './leads/leads.controller';
import { leadHandlers } from './leads/leads.handlers';
import { PipelineHandler } from './pipelines/pipeline-actions';
import { PipelinesController } from './pipelines/pipelines.controller';
import { DocumentHandler, BLOB_STORE, DocumentsController } from './documents/documents';
import { SegmentHandler, SegmentsController } from './segments/segments';
import { AdminRoster } from './staff/admin-roster';
import { HandOver } from './staff/hand-over';
import { ensureInitialAdmin } from './staff/initial-admin';
import { ReadModelPortfolio } from './staff/read-model-portfolio';
import { StaffHandler } from './staff/staff.commands';
import { StaffController } from './staff/staff.controller';
import { TicketHandler } from './tickets/tickets.commands';
import { TicketsController } from './tickets/tickets.controller';
import { PersonalDataErasure } from './customers/personal-data-erasure';
import { webhookHandlers, WebhooksController } from './webhooks/webhooks';
import {
  campaignHandlers,
  CampaignsController,
  UnsubscribeController,
} from './campaigns/campaigns';
import { EmailsController, emailHandlers, InvoiceEmailController } from './emails/emails';
import { WorkflowRuleHandler, WorkflowRulesController } from './workflows/workflow-rules';
import { RegistryDataController, RegistrySearchController } from './registry/registry';
import { CallsController, LogCallHandler } from './calls/calls';
import { IntakeLeadHandler, IntakeSetupHandler } from './leads/lead-intake';
import { LeadIntakeController } from './leads/lead-intake.controller';
import { AgreementHandler, AgreementsController } from './agreements/agreements';
import { ProductHandler, ProductsController } from './products/products';
import {
  CustomFieldHandler,
  CustomFieldsController,
  CustomFieldValuesController,
  SetFieldValuesHandler,
} from './custom-fields/custom-fields';
import { TicketStatusController } from './tickets/ticket-status';
import { InboundEmailHandler, InboundEmailsController } from './inbound-emails/inbound-emails';
import {
  ActivityHandler,
  ActOnDealHandler,
  companyRegistryProvider,
  FetchRegistryDataHandler,
  ReassignHandler,
  OpenDealHandler,
  AggregateRepository,
  EVENT_STORE,
  READ_STORE,
  CommandReads,
  storeProviders,
} from '#commands';

@Module({
  imports: [CqrsModule.forRoot(), OperationsModule.forApp('command-api', readConfig().logLevel)],
  controllers: [
    ...operationsControllers,
    LeadsController,
    CustomersController,
    PipelinesController,
    DealsController,
    InvoicesController,
    BankStatementsController,
    ActivitiesController,
    TicketsController,
    StaffController,
    SegmentsController,
    DocumentsController,
    EmailsController,
    InvoiceEmailController,
    WebhooksController,
    CampaignsController,
    UnsubscribeController,
    WorkflowRulesController,
    RegistryDataController,
    RegistrySearchController,
    CallsController,
    LeadIntakeController,
    AgreementsController,
    ProductsController,
    CustomFieldsController,
    CustomFieldValuesController,
    TicketStatusController,
    InboundEmailsController,
  ],
  providers: [
    // The hand-over reads the portfolio read model to find what a leaving member owns.
    ...storeProviders,
    {
      provide: HandOver,
      useFactory: (repository: AggregateRepository, reads: CommandReads) =>
        new HandOver(repository, new ReadModelPortfolio(reads)),
      inject: [AggregateRepository, CommandReads],
    },
    {
      provide: AdminRoster,
      useFactory: (repository: AggregateRepository, reads: CommandReads) =>
        new AdminRoster(repository, reads),
      inject: [AggregateRepository, CommandReads],
    },
    // Guards run in this order: the token's first, then the Idempotency-Key's, which needs
    // the staff member the token named.
    { provide: APP_GUARD, useFactory: createAuthGuard, inject: [EVENT_STORE] },
    IdempotencyKeys,
    { provide: APP_GUARD, useExisting: IdempotencyKeys },
    readinessChecks([EVENT_STORE, READ_STORE], (events: EventStore, reads: ReadStore) =>
      storeReadiness(events, reads),
    ),
    PersonalDataErasure,
    LogCallHandler,
    IntakeLeadHandler,
    IntakeSetupHandler,
    AgreementHandler,
    ProductHandler,
    CustomFieldHandler,
    SetFieldValuesHandler,
    InboundEmailHandler,
    ...webhookHandlers,
    ...campaignHandlers,
    WorkflowRuleHandler,
    companyRegistryProvider,
    FetchRegistryDataHandler,
    ...emailHandlers,
    ...leadHandlers,
    RegisterCustomerHandler,
    CustomerActionHandler,
    PipelineHandler,
    OpenDealHandler,
    ActOnDealHandler,
    InvoiceHandler,
    InvoiceProcessHandler,
    {
      provide: InvoiceLookup,
      useFactory: (reads: CommandReads) => new InvoiceLookup(reads),
      inject: [CommandReads],
    },
    ...bankStatementHandlers,
    ActivityHandler,
    TicketHandler,
    StaffHandler,
    ReassignHandler,
    SegmentHandler,
    DocumentHandler,
    {
      provide: BLOB_STORE,
      useFactory: (): BlobStore => new FsBlobStore(readConfig().blobStorePath),
    },
  ],
})
export class CommandApiModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly repository: AggregateRepository,
  ) {}

  async onApplicationBootstrap() {
    const adminId = await ensureInitialAdmin(this.repository, readConfig());
    if (adminId)
      process.stdout.write(
        `initial admin: ${adminId} (a token for it: npm run token -- --sub ${adminId} --roles admin,manager,sales)\n`,
      );
  }

  async onApplicationShutdown() {
    await this.reads.close();
    await this.store.close();
  }
}
