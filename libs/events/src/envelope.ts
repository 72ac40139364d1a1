/** Metadata carried by every stored event (DESIGN.md §3). */
export type EventMetadata = {
  eventId: string;
  schemaVersion: number;
  occurredAt: string;
  actorId: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  customerId?: string;
  /**
   * The hash of the previous event of the stream (a string of 64 zeros for the first), set by
   * the event store on append: a chain that shows any later change to a stored event.
   */
  previousHash?: string;
};

/**
 * The service's own e-mail sender: the actor of the messages it queues by itself (reminders,
 * a campaign's) and of every delivery it records.
 */
export const MAILER = 'mailer';

/** A domain event as deciders produce it: a `type` tag and its payload. */
export type Event<Type extends string = string, Data = unknown> = {
  readonly type: Type;
  readonly data: Data;
};

/** Money is integer minor units plus an ISO 4217 currency code. */
export type Money = { amount: number; currency: string };

/** A business day, `YYYY-MM-DD`. */
export type BusinessDay = string;
