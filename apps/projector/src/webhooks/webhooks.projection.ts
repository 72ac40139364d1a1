import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Webhook subscriptions, for the dispatcher and for admins. */
export const webhooksProjection: Projection = {
  name: projections.webhooks,
  indexes: [[collections.webhooks, ['active']]],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'WebhookSubscribed': {
          const d = event.data;
          return upsert(stored, collections.webhooks, d.subscriptionId, {
            $set: {
              url: d.url,
              eventTypes: d.eventTypes,
              description: d.description ?? null,
              active: true,
              fromPosition: stored.position,
              subscribedAt: d.subscribedAt,
              unsubscribedAt: null,
            },
          });
        }
        case 'WebhookUnsubscribed':
          return upsert(stored, collections.webhooks, event.data.subscriptionId, {
            $set: { active: false, unsubscribedAt: event.data.unsubscribedAt },
          });
        default:
          return [];
      }
    }),
};
