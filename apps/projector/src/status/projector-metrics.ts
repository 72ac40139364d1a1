import { type EventStore } from '#event-store';
import { scrapedGauge } from '#platform';
import { collections, operational, type WebhookCursorDoc, type WebhookDoc } from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { type ProjectionRunner } from '../runner/projection-runner';

/** The projector's own metrics, read from the runner and the webhook cursors when scraped. */
export const registerProjectorMetrics = (
  runner: ProjectionRunner,
  events: EventStore,
  reads: ReadStore,
): void => {
  const status = () => runner.status();
  scrapedGauge(
    'kroonika_projector_checkpoint',
    'Last global position applied by a projection.',
    ['projection'],
    async () =>
      (await status()).projections.map((p) => ({
        labels: { projection: p.name },
        value: p.checkpoint,
      })),
  );
  scrapedGauge(
    'kroonika_event_store_head_position',
    'Global position of the newest event.',
    [],
    async () => [{ labels: {}, value: (await status()).headPosition }],
  );
  scrapedGauge(
    'kroonika_projector_lag_events',
    'Events not yet projected by the projection furthest behind (counted up to 10000).',
    [],
    async () => [{ labels: {}, value: (await status()).lagEvents }],
  );
  scrapedGauge(
    'kroonika_projector_lag_seconds',
    'Age of the oldest event not yet projected.',
    [],
    async () => [{ labels: {}, value: (await status()).lagSeconds }],
  );
  scrapedGauge(
    'kroonika_projector_events_total',
    'Events projected since the process started.',
    [],
    async () => [{ labels: {}, value: (await status()).eventsProcessed }],
  );
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
};
