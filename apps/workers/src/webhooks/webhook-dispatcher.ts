import { type EventStore, type StoredEvent } from '#event-store';
import {
  Poller,
  postToTarget,
  signWebhook,
  TargetPolicy,
  webhookBackoff,
  webhookSecret,
} from '#platform';
import { operational, type WebhookCursorDoc, type WebhookDoc } from '#read-models';
import { type LeaseKeeper } from '#read-store';
import { type DutyRecords, type WorkerReads } from '../worker-reads';

export type DispatcherOptions = {
  key: Buffer;
  pollMs: number;
  /** The first retry's wait; it doubles up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
  /** Internal targets allowed (WEBHOOK_ALLOWED_TARGETS); public ones always are. */
  allowedTargets: string[];
  onError?: (error: unknown) => void;
  /**
   * Delivery's lease (ADR 0026): with it, deliveries run only in the copy that holds it, and
   * every cursor is saved under it as a fence, so deliveries stay in order per subscription.
   */
  lease?: LeaseKeeper;
};

/** What a receiver gets: the event as the log holds it (personal data readable, or erased). */
export const webhookBody = (event: StoredEvent) =>
  JSON.stringify({
    id: event.eventId,
    type: event.type,
    schemaVersion: event.metadata.schemaVersion,
    occurredAt: event.metadata.occurredAt,
    position: event.position,
    streamId: event.streamId,
    ...(event.metadata.customerId ? { customerId: event.metadata.customerId } : {}),
    actorId: event.metadata.actorId,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    data: event.data,
  });

/** One delivery attempt as the deliveries log records it. */
type Attempt = { id: string; set: Record<string, unknown> };

const wanted = (subscription: WebhookDoc, type: string) =>
  subscription.eventTypes.includes('*') || subscription.eventTypes.includes(type);

/**
 * Delivers events to webhook subscribers, at least once and in log order per subscription.
 * Each subscription has a cursor (the last event handled); the next matching event is POSTed,
 * signed, with its id as the idempotency key, and the cursor moves past it only once the
 * receiver answered 2xx. A failure is logged and retried after a growing wait; it holds up
 * that subscription only. A crash between a delivery and its cursor repeats that delivery —
 * receivers drop what they have seen by `Kroonika-Event-Id`.
 */
export class WebhookDispatcher {
  private readonly poller: Poller;
  private readonly policy: TargetPolicy;

  constructor(
    private readonly events: EventStore,
    private readonly reads: WorkerReads,
    private readonly records: DutyRecords,
    private readonly options: DispatcherOptions,
  ) {
    this.policy = new TargetPolicy(options.allowedTargets);
    this.poller = new Poller(
      'webhooks',
      () => this.dispatch(),
      options.pollMs,
      (error) => options.onError?.(error),
      options.lease,
    );
  }

  start(): void {
    this.poller.start();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** One round over every active subscription. */
  async dispatch(): Promise<void> {
    for (const subscription of await this.reads.activeWebhooks()) {
      if (this.poller.stopping) return;
      await this.serve(subscription);
    }
  }

  /** Saves a subscription's cursor, with the attempt that moved it when there was one. */
  private async saveCursor(id: string, cursor: Omit<WebhookCursorDoc, '_id'>, log?: Attempt) {
    await this.records.put(
      [
        ...(log ? [{ collection: operational.webhookDeliveries, ...log }] : []),
        { collection: operational.webhookCursors, id, set: cursor },
      ],
      this.options.lease?.fence(),
    );
  }

  private async serve(subscription: WebhookDoc) {
    const saved = await this.records.get<WebhookCursorDoc>(
      operational.webhookCursors,
      subscription._id,
    );
    let cursor: Omit<WebhookCursorDoc, '_id'> = saved ?? {
      position: subscription.fromPosition,
      attempts: 0,
      retryAt: null,
      lastDeliveredAt: null,
    };
    if (cursor.retryAt && Date.parse(cursor.retryAt) > Date.now()) return;
    const secret = webhookSecret(this.options.key, subscription._id);
    for (;;) {
      const page = await this.events.readAll(cursor.position, { limit: 200 });
      if (page.length === 0) break;
      const next = page.find((e) => wanted(subscription, e.type));
      if (!next) {
        cursor = { ...cursor, position: page[page.length - 1]!.position };
        await this.saveCursor(subscription._id, cursor);
        continue;
      }
      // Delivered only while this copy holds the lease (its cursor could not be saved else).
      this.options.lease?.fence();
      const attempt = cursor.attempts + 1;
      const outcome = await this.deliver(subscription.url, secret, next, attempt);
      const log: Attempt = {
        id: `${subscription._id}:${next.eventId}:${attempt}`,
        set: {
          subscriptionId: subscription._id,
          eventId: next.eventId,
          eventType: next.type,
          position: next.position,
          attempt,
          ...outcome,
          at: new Date().toISOString(),
        },
      };
      if (outcome.outcome === 'failed') {
        const wait = webhookBackoff(attempt, this.options.baseBackoffMs, this.options.maxBackoffMs);
        // The events before the failing one, which nobody wanted, are behind us.
        const before = page.filter((e) => e.position < next.position).pop();
        await this.saveCursor(
          subscription._id,
          {
            ...cursor,
            position: before?.position ?? cursor.position,
            attempts: attempt,
            retryAt: new Date(Date.now() + wait).toISOString(),
          },
          log,
        );
        return;
      }
      cursor = {
        position: next.position,
        attempts: 0,
        retryAt: null,
        lastDeliveredAt: new Date().toISOString(),
      };
      await this.saveCursor(subscription._id, cursor, log);
      if (this.poller.stopping) return;
    }
  }

  private async deliver(url: string, secret: string, event: StoredEvent, attempt: number) {
    const body = webhookBody(event);
    const started = Date.now();
    try {
      const res = await postToTarget(
        url,
        body,
        {
          'content-type': 'application/json',
          'kroonika-event-id': event.eventId,
          'kroonika-event-type': event.type,
          'kroonika-delivery-attempt': String(attempt),
          'kroonika-signature': signWebhook(secret, Math.floor(Date.now() / 1000), body),
        },
        { policy: this.policy, timeoutMs: this.options.timeoutMs },
      );
      const ok = res.status >= 200 && res.status < 300;
      return ok
        ? {
            outcome: 'delivered' as const,
            httpStatus: res.status,
            error: null,
            durationMs: Date.now() - started,
          }
        : {
            outcome: 'failed' as const,
            httpStatus: res.status,
            error:
              res.status >= 300 && res.status < 400
                ? `HTTP ${res.status}: redirects are not followed`
                : `HTTP ${res.status}`,
            durationMs: Date.now() - started,
          };
    } catch (error) {
      return {
        outcome: 'failed' as const,
        httpStatus: null,
        error: error instanceof Error ? error.message : String(error),
        durationMs: Date.now() - started,
      };
    }
  }
}
