import { Inject, Injectable } from '@nestjs/common';
import { ChainVerifier, type EventStore, readLog } from '#event-store';
import { type AuditReadKind } from '#events';
import { problem } from '#platform';
import { type AuditTrailDoc, collections, projections } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { EVENT_STORE } from '../shared/event-store.provider';
import { READ_STORE } from '../shared/read-store.provider';
import {
  auditEntry,
  concerns,
  historyOf,
  type ReadDetails,
  recordRead,
  streamsOf,
} from './customer-history';
import { type Cut, stateAsOf } from './time-travel';

/** Everything auditors read comes from the event store itself; only the stream index does not. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /** Records an audit read before it is answered: no answer without a trail. */
  record(staffId: string, kind: AuditReadKind, details: ReadDetails): Promise<void> {
    return recordRead(this.events, staffId, kind, details);
  }

  private async streamsOf(customerId: string) {
    const streams = await streamsOf(this.store, customerId);
    if (streams.length === 0)
      throw problem(404, 'customer-not-found', 'Not found', `customer ${customerId} has no events`);
    return streams;
  }

  /** Every event of every stream concerning the customer, as stored, in global order. */
  async history(customerId: string, page: { limit: number; after?: number; verify: boolean }) {
    const streams = await this.streamsOf(customerId);
    const all = await historyOf(this.events, streams, customerId, { asWritten: true });
    const rest = all.filter((e) => e.position > (page.after ?? 0));
    const items = rest.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      customerId,
      streams,
      total: all.length,
      ...(page.verify ? { verification: await this.scan(customerId, streams) } : {}),
      items: items.map(auditEntry),
      ...(rest.length > page.limit && last ? { nextCursor: String(last.position) } : {}),
    };
  }

  /**
   * Proves the stream index complete: scans the global log up to what the index has seen for
   * every event concerning the customer and reports streams the index lacks.
   */
  private async scan(customerId: string, indexed: string[]) {
    const checkpoint =
      (await this.store.checkpoints()).find((c) => c.name === projections.audit)?.position ?? 0;
    const found = new Set<string>();
    let scanned = 0;
    for await (const page of readLog(this.events, { until: checkpoint, raw: true }))
      for (const e of page) {
        scanned += 1;
        if (concerns(e, customerId)) found.add(e.streamId);
      }
    const known = new Set(indexed);
    const missing = [...found].filter((s) => !known.has(s));
    return {
      mode: 'full',
      scannedEvents: scanned,
      upToPosition: checkpoint,
      complete: missing.length === 0,
      missingStreams: missing,
    };
  }

  /** The customer and its parts as they were at the cut. */
  async state(customerId: string, cut: Cut) {
    const streams = await this.streamsOf(customerId);
    const byStream = await Promise.all(streams.map((s) => this.events.readStream(s)));
    return { customerId, ...cut, ...stateAsOf(byStream, cut) };
  }

  /** Follows one stream's hash chain and reports the first broken link. */
  async verifyStream(streamId: string) {
    const events = await this.events.readStream(streamId, 0, { raw: true });
    if (events.length === 0)
      throw problem(404, 'stream-not-found', 'Not found', `stream ${streamId} has no events`);
    const verifier = new ChainVerifier();
    for (const e of events) verifier.add(e);
    return {
      streamId,
      ok: verifier.ok,
      checked: verifier.checked,
      unchained: verifier.unchained,
      headHash: verifier.headOf(streamId),
      firstBroken: verifier.firstBroken ?? null,
    };
  }

  /** Who read what, newest first. */
  async trail(filter: Filter, limit: number, cursor?: string) {
    const page = await this.store.find<AuditTrailDoc>(collections.auditTrail, filter, {
      sort: [
        ['readAt', -1],
        ['_id', -1],
      ],
      limit,
      ...(cursor ? { cursor } : {}),
    });
    return {
      items: page.items.map(({ _id, ...read }) => ({ readId: _id, ...read })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
