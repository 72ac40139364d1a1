import {
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE } from '#commands';
import { type EventStore } from '#event-store';
import { logFailure, readConfig, scrapedGauge, webhookKey } from '#platform';
import { operational, type WebhookCursorDoc } from '#read-models';
import { DutyLeases } from '../stores.module';
import { DutyRecords, WorkerReads } from '../worker-reads';
import { WebhookDispatcher } from './webhook-dispatcher';

/** Delivers events to webhook subscribers, in log order per subscription, at least once. */
@Module({
  providers: [
    {
      provide: WebhookDispatcher,
      useFactory: (
        events: EventStore,
        reads: WorkerReads,
        records: DutyRecords,
        leases: DutyLeases,
      ) => {
        const config = readConfig();
        return new WebhookDispatcher(events, reads, records, {
          key: webhookKey(config),
          ...config.webhooks,
          onError: logFailure('webhooks'),
          lease: leases.for('webhooks'),
        });
      },
      inject: [EVENT_STORE, WorkerReads, DutyRecords, DutyLeases],
    },
  ],
})
export class WebhooksModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(WebhookDispatcher) private readonly dispatcher: WebhookDispatcher,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly reads: WorkerReads,
    private readonly records: DutyRecords,
  ) {}

  onApplicationBootstrap() {
    const { events, reads, records } = this;
    scrapedGauge(
      'kroonika_webhook_backlog_events',
      'Events after the last one delivered to a webhook subscription (SQLite: dense positions).',
      ['subscription'],
      async () => {
        if (!events.densePositions) return [];
        const head = await events.headPosition();
        const subscriptions = await reads.activeWebhooks();
        const cursors = new Map(
          (await records.all<WebhookCursorDoc>(operational.webhookCursors)).map((c) => [
            c._id,
            c.position,
          ]),
        );
        return subscriptions.map((s) => ({
          labels: { subscription: s._id },
          value: head - (cursors.get(s._id) ?? s.fromPosition),
        }));
      },
    );
    this.dispatcher.start();
  }

  async onApplicationShutdown() {
    await this.dispatcher.stop();
  }
}
