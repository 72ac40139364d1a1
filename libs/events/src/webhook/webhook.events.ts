import { type Event } from '../envelope';

/** An internal app asked to be told of events of these types (`*`: all) at this URL. */
export type WebhookSubscribed = Event<
  'WebhookSubscribed',
  {
    subscriptionId: string;
    url: string;
    eventTypes: string[];
    description?: string;
    subscribedAt: string;
  }
>;
export type WebhookUnsubscribed = Event<
  'WebhookUnsubscribed',
  { subscriptionId: string; reason?: string; unsubscribedAt: string }
>;

export type WebhookEvent = WebhookSubscribed | WebhookUnsubscribed;
