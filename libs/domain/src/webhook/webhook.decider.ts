import { type WebhookEvent } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';

export type WebhookState =
  | { status: 'none' }
  | { status: 'active' | 'ended'; subscriptionId: string; url: string; eventTypes: string[] };

export type SubscribeWebhook = {
  type: 'SubscribeWebhook';
  subscriptionId: string;
  url: string;
  eventTypes: string[];
  description?: string;
  now: string;
};
export type UnsubscribeWebhook = {
  type: 'UnsubscribeWebhook';
  subscriptionId: string;
  reason?: string;
  now: string;
};
export type WebhookCommand = SubscribeWebhook | UnsubscribeWebhook;

const decide = (command: WebhookCommand, state: WebhookState): WebhookEvent[] => {
  switch (command.type) {
    case 'SubscribeWebhook': {
      if (state.status !== 'none') throw alreadyExists('webhook', command.subscriptionId);
      if (command.eventTypes.length === 0)
        throw violated('event-types-required', 'Name the event types to deliver, or *');
      const { type: _t, now, ...data } = command;
      return [
        {
          type: 'WebhookSubscribed',
          data: { ...data, eventTypes: [...new Set(data.eventTypes)], subscribedAt: now },
        },
      ];
    }
    case 'UnsubscribeWebhook': {
      if (state.status === 'none') throw notFound('webhook', command.subscriptionId);
      if (state.status === 'ended') return [];
      return [
        {
          type: 'WebhookUnsubscribed',
          data: {
            subscriptionId: command.subscriptionId,
            ...(command.reason ? { reason: command.reason } : {}),
            unsubscribedAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: WebhookState, event: WebhookEvent): WebhookState => {
  switch (event.type) {
    case 'WebhookSubscribed': {
      const { subscriptionId, url, eventTypes } = event.data;
      return { status: 'active', subscriptionId, url, eventTypes };
    }
    case 'WebhookUnsubscribed':
      return state.status === 'none' ? state : { ...state, status: 'ended' };
    default:
      return unreachable(event);
  }
};

/** A subscription of an internal app to events, until it is ended. */
export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
