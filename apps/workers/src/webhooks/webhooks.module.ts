import {
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, READ_STORE } from '#commands';
import { type EventStore } from '#event-store';
import { logFailure, readConfig, scrapedGauge, webhookKey } from '#platform';
import { collections, operational, type WebhookCursorDoc, type WebhookDoc } from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { DutyLeases } from '../stores.module';
import { WebhookDispatcher } from './webhook-dispatcher';

/** Delivers events to webhook subscribers, in log order per subscription, at least once. */
@Module({
  providers: [
    {
      provide: WebhookDispatcher,
      useFactory: (events: EventStore, reads: ReadStore, leases: DutyLeases) => {
        const config = readConfig();
        return new WebhookDispatcher(events, reads, {
          key: webhookKey(config),
          ...config.webhooks,
          onError: logFailure('webhooks'),
          lease: leases.for('webhooks'),
        });
      },
      inject: [EVENT_STORE, READ_STORE, DutyLeases],
    },
  ],
})
export class WebhooksModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(WebhookDispatcher) private readonly dispatcher: WebhookDispatcher,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  onApplicationBootstrap() {
    const { events, reads } = this;
    scrapedGauge(
      'kroonika_webhook_backlog_events',
      'Events after the last one delivered to a webhook subscription (SQLite: dense positions).',
      ['subscription'],
      async () => {
        if (!events.densePositions) return [];
        const head = await events.headPosition();
        const subscriptions = await findAll<WebhookDoc>(reads, collections.webhooks, {
          active: true,
        });
        const cursors = new Map(
          (await findAll<WebhookCursorDoc>(reads, operational.webhookCursors, {})).map((c) => [
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
