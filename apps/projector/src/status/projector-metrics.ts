import { scrapedGauge } from '#platform';
import { type ProjectionRunner } from '../runner/projection-runner';

/** The projector's own metrics, read from the runner when scraped. */
export const registerProjectorMetrics = (runner: ProjectionRunner): void => {
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
};
