import { type WebhookEvent } from '#events';
import { specFor } from '../testing';
import { webhookDecider } from './webhook.decider';

const now = '2026-03-01T09:00:00.000Z';
const subscribed: WebhookEvent = {
  type: 'WebhookSubscribed',
  data: { subscriptionId: 'w1', url: 'http://erp/x', eventTypes: ['DealWon'], subscribedAt: now },
};
const spec = specFor(webhookDecider);
const subscribe = {
  type: 'SubscribeWebhook' as const,
  subscriptionId: 'w1',
  url: 'http://erp/x',
  eventTypes: ['DealWon', 'DealWon'],
  now,
};

describe('Webhook subscription', () => {
  it('subscribes to named event types, once', () => {
    spec([]).when(subscribe).then([subscribed]);
    spec([])
      .when({ ...subscribe, eventTypes: [] })
      .thenRejectedWith('event-types-required');
    spec([subscribed]).when(subscribe).thenRejectedWith('webhook-exists');
  });
  it('ends a subscription; ending it again changes nothing', () => {
    const ended: WebhookEvent = {
      type: 'WebhookUnsubscribed',
      data: { subscriptionId: 'w1', unsubscribedAt: now },
    };
    spec([subscribed])
      .when({ type: 'UnsubscribeWebhook', subscriptionId: 'w1', now })
      .then([ended]);
    spec([subscribed, ended])
      .when({ type: 'UnsubscribeWebhook', subscriptionId: 'w1', now })
      .thenNothingHappened();
    spec([])
      .when({ type: 'UnsubscribeWebhook', subscriptionId: 'w1', now })
      .thenRejectedWith('webhook-not-found');
  });
});
