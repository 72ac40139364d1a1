import { Module } from '@nestjs/common';
import { EVENT_STORE, READ_STORE } from '#commands';
import { type EventStore } from '#event-store';
import {
  OperationsModule,
  operationsControllers,
  readConfig,
  readinessChecks,
  storeReadiness,
} from '#platform';
import { type ReadStore } from '#read-store';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CommandsModule } from './commands.module';
import { InboundMailModule } from './inbound/inbound-mail.module';
import { BlobSweepModule } from './documents/blob-sweep.module';
import { MailModule } from './mail/mail.module';
import { RemindersModule } from './reminders/reminders.module';
import { StoresModule } from './stores.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkflowsModule } from './workflows/workflows.module';

/**
 * The background work, one module per duty: the e-mail sender, the inbound SMTP endpoint,
 * reminders, campaigns, webhook delivery, the blob sweep and the workflow runner. It answers
 * no commands; over HTTP only health, readiness, metrics and the duties' status.
 */
@Module({
  imports: [
    OperationsModule.forApp('workers', readConfig().logLevel),
    StoresModule,
    CommandsModule,
    MailModule,
    InboundMailModule,
    RemindersModule,
    CampaignsModule,
    WebhooksModule,
    BlobSweepModule,
    WorkflowsModule,
  ],
  controllers: operationsControllers,
  providers: [
    readinessChecks([EVENT_STORE, READ_STORE], (events: EventStore, reads: ReadStore) =>
      storeReadiness(events, reads),
    ),
  ],
})
export class WorkersModule {}
