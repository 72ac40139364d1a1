/** A webhook subscription; events after `fromPosition` are delivered. */
export type WebhookDoc = {
  _id: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  active: boolean;
  fromPosition: number;
  subscribedAt: string;
  unsubscribedAt: string | null;
};

/** Where a subscription's delivery stands: the last event handled, and a pending retry. */
export type WebhookCursorDoc = {
  _id: string;
  position: number;
  /** Attempts made at the event after `position` so far. */
  attempts: number;
  retryAt: string | null;
  lastDeliveredAt: string | null;
};

/** One delivery attempt, kept as a log. */
export type WebhookDeliveryDoc = {
  _id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  position: number;
  attempt: number;
  outcome: 'delivered' | 'failed';
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  at: string;
};
