import { Inject, Injectable } from '@nestjs/common';
import { businessDay, READ_STORE, ReadSide } from '#commands';
import { type DocumentSettings, loadInvoiceDocument } from '#documents';
import { type RepliedEmail, type SegmentRules } from '#events';
import {
  type ActivityDoc,
  type AgreementDoc,
  collections,
  type CustomerDoc,
  type EmailDoc,
  membersOf,
  operational,
  normalise,
  projections,
  ruleContext,
  type SearchTermDoc,
  type SegmentDoc,
  type StaffDoc,
  type WebhookDoc,
} from '#read-models';
import { findAll, type Lease, type ReadStore } from '#read-store';

/** A campaign as the dispatcher walks it. */
export type SendingCampaign = { _id: string; status: 'sending'; segmentId: string };

/**
 * The read models as the workers' duties consult them: named questions, each with the duty
 * that asks it (ADR 0025), and no handle to the read store itself. A duty acts on streams
 * (its commands are decided there); these questions find what is due.
 */
@Injectable()
export class WorkerReads {
  private readonly waiting: ReadSide;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {
    this.waiting = new ReadSide(store);
  }

  /** Resolves once `projection` has applied every event up to `position` (bounded wait). */
  caughtUp(projection: string, position: number): Promise<void> {
    return this.waiting.caughtUp(projection, position);
  }

  /** Reminders: the planned activities of the days from `fromDay` to `toDay`, by day. */
  plannedActivities(fromDay: string, toDay: string): Promise<ActivityDoc[]> {
    return findAll<ActivityDoc>(
      this.store,
      collections.activities,
      { status: 'planned', day: { $gte: fromDay, $lte: toDay } },
      [['day', 1]],
    );
  }

  /** Reminders: a member's name, address and status. */
  async staffMember(staffId: string): Promise<StaffDoc | undefined> {
    return this.store.get<StaffDoc>(collections.staff, staffId);
  }

  /** Reminders: a customer's name ('' when unknown or erased). */
  async customerName(customerId: string): Promise<string> {
    return (await this.store.get<CustomerDoc>(collections.customers, customerId))?.name ?? '';
  }

  /** Reminders: the agreements in force whose last day is from `fromDay` to `toDay`. */
  agreementsLapsing(fromDay: string, toDay: string): Promise<AgreementDoc[]> {
    return findAll<AgreementDoc>(
      this.store,
      collections.agreements,
      { status: 'active', validUntil: { $gte: fromDay, $lte: toDay } },
      [['validUntil', 1]],
    );
  }

  /** Reminders: who owns a customer (told about its agreements when their maker left). */
  async customerOwner(customerId: string): Promise<string | undefined> {
    return (await this.store.get<CustomerDoc>(collections.customers, customerId))?.ownerId;
  }

  /** The outbox's gauge: messages by status. */
  outboxCount(status: 'queued' | 'sending'): Promise<number> {
    return this.store.count(collections.emails, { status });
  }

  /** The e-mail sender: attempts begun before `before` whose outcome was never recorded. */
  async interruptedSends(before: string, limit: number): Promise<EmailDoc[]> {
    const page = await this.store.find<EmailDoc>(
      collections.emails,
      { status: 'sending', attemptedAt: { $lt: before } },
      { limit },
    );
    return page.items;
  }

  /** The e-mail sender: queued messages due by `now`, the longest waiting first. */
  async dueEmails(now: string, limit: number): Promise<EmailDoc[]> {
    const page = await this.store.find<EmailDoc>(
      collections.emails,
      { status: 'queued', dueAt: { $lte: now } },
      { sort: [['dueAt', 1]], limit },
    );
    return page.items;
  }

  /** The e-mail sender: an invoice as its PDF shows it (the one GET /invoices/{id}/pdf serves). */
  invoiceDocument(invoiceId: string, settings: DocumentSettings) {
    return loadInvoiceDocument(this.store, invoiceId, settings);
  }

  /** Campaigns: those being sent. */
  async sendingCampaigns(): Promise<SendingCampaign[]> {
    const page = await this.store.find<SendingCampaign>(
      collections.campaigns,
      { status: 'sending' },
      { limit: 100 },
    );
    return page.items;
  }

  /**
   * Campaigns: whether every read model a segment's members are found in (its rules, the
   * customers, their sales, the custom fields' types) has applied the events up to `position`.
   */
  async segmentReadyAt(position: number): Promise<boolean> {
    const reached = new Map((await this.store.checkpoints()).map((c) => [c.name, c.position]));
    return [
      projections.segments,
      projections.customers,
      projections.purchases,
      projections.customFields,
    ].every((name) => (reached.get(name) ?? 0) >= position);
  }

  /** Campaigns: the rules of a campaign's segment. */
  async segmentRules(segmentId: string): Promise<SegmentRules | undefined> {
    return (await this.store.get<SegmentDoc>(collections.segments, segmentId))?.rules;
  }

  /** Campaigns: a segment's members in customer-id order, after `after`. */
  async *segmentMembers(
    rules: SegmentRules,
    after: string | undefined,
  ): AsyncIterable<CustomerDoc> {
    const now = new Date();
    const at = await ruleContext(this.store, rules, now.getTime(), businessDay(now.toISOString()));
    yield* membersOf(this.store, rules, after, at);
  }

  /** Campaigns: how many messages the outbox holds for a campaign. */
  campaignRecipients(campaignId: string): Promise<number> {
    return this.store.count(collections.emails, { campaignId });
  }

  /**
   * The blob sweep: whether any document (removed ones too), or a received message held for
   * review, refers to these contents.
   */
  async contentInUse(sha256: string): Promise<boolean> {
    if ((await this.store.count(collections.documents, { sha256 }, { upTo: 1 })) > 0) return true;
    return (await this.store.count(collections.inboundAttachments, { sha256 }, { upTo: 1 })) > 0;
  }

  /**
   * Incoming e-mail: the customers with this address, their own or a contact person's, from
   * the search index; each is then loaded and its addresses compared on its stream.
   */
  async customersWithEmail(address: string): Promise<string[]> {
    const terms = await findAll<SearchTermDoc>(this.store, collections.searchTerms, {
      term: normalise(address),
      field: 'emails',
    });
    return [...new Set(terms.map((t) => t.customerId).filter((id) => !id.startsWith('lead:')))];
  }

  /** Incoming e-mail: the active staff members by address (lower case). */
  async staffByEmail(): Promise<Map<string, string>> {
    const staff = await findAll<StaffDoc>(this.store, collections.staff, { status: 'active' });
    return new Map(staff.map((s) => [s.email.toLowerCase(), s._id]));
  }

  /** Incoming e-mail: the message of our outbox sent under one of these Message-IDs. */
  async sentEmail(messageIds: string[]): Promise<RepliedEmail | undefined> {
    if (messageIds.length === 0) return undefined;
    const page = await this.store.find<EmailDoc>(
      collections.emails,
      { messageId: { $in: messageIds } },
      { limit: 1 },
    );
    const email = page.items[0];
    if (!email) return undefined;
    return { emailId: email._id, ...(email.campaignId ? { campaignId: email.campaignId } : {}) };
  }

  /** Webhook delivery: the active subscriptions. */
  async activeWebhooks(): Promise<WebhookDoc[]> {
    const page = await this.store.find<WebhookDoc>(
      collections.webhooks,
      { active: true },
      { limit: 1000 },
    );
    return page.items;
  }
}

type OperationalCollection = (typeof operational)[keyof typeof operational];

/**
 * The collections the workers keep for themselves (`operational`: the workflow checkpoint,
 * webhook cursors and deliveries, campaign cursors), read and written by the duty that owns
 * each, every write under the duty's lease as a fence (ADR 0026). Writes carry positions from
 * a clock that only moves forward, for the store's position-guarded upserts.
 */
@Injectable()
export class DutyRecords {
  private clock = 0;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  get<T extends { _id: string }>(collection: OperationalCollection, id: string) {
    return this.store.get<T>(collection, id);
  }

  all<T extends { _id: string }>(collection: OperationalCollection): Promise<T[]> {
    return findAll<T>(this.store, collection, {});
  }

  /** Sets fields of records, in one write, refused (writing nothing) once `fence` moved on. */
  async put(
    records: { collection: OperationalCollection; id: string; set: Record<string, unknown> }[],
    fence: Lease | undefined,
  ): Promise<void> {
    await this.store.apply(
      records.map(({ collection, id, set }) => ({
        kind: 'upsert',
        collection,
        id,
        position: (this.clock = Math.max(this.clock + 1, Date.now())),
        update: { $set: set },
      })),
      [],
      fence,
    );
  }
}
