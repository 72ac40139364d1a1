import { type SegmentRules } from '#events';
import {
  collections,
  type CustomerDoc,
  meeting,
  membersOf,
  projections,
  type ReportCustomerDoc,
  ruleContext,
  type SegmentDoc,
} from '#read-models';
import { byIds, type Doc, type ReadStore } from '#read-store';

/** A segment's members now, and their open deals added up. */
export type Members = { ids: string[]; openDeals: number };

/**
 * A segment's members with their open deals, as of the customers written up to `position` and
 * the customers' report documents written up to `reportsAt`.
 */
type Kept = {
  filedUnder: string;
  position: number;
  reportsAt: number;
  openDeals: Map<string, number>;
};

const PAGE = 500;

/** Rules that read the clock finer than a day: their members change by the moment. */
export const byTheMoment = (rules: SegmentRules) =>
  rules.contactedWithinDays !== undefined || rules.notContactedForDays !== undefined;

type Stamped = Doc & { _position?: number };

/** The highest `_position` in a collection now (0 when empty). */
const newest = async (store: ReadStore, collection: string) =>
  (await store.find<Stamped>(collection, {}, { sort: [['_position', -1]], limit: 1 })).items[0]
    ?._position ?? 0;

/** Every document written after `position`, in the order written, page by page. */
async function* writtenSince<T extends Stamped>(
  store: ReadStore,
  collection: string,
  position: number,
) {
  let cursor: string | undefined;
  do {
    const page = await store.find<T>(
      collection,
      { _position: { $gt: position } },
      { sort: [['_position', 1]], limit: PAGE, ...(cursor ? { cursor } : {}) },
    );
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * Segment members kept between questions, with their open deals, and brought up to date from
 * what was written since: the projections stamp every state document they write with its
 * event's position (`_position`) — the customer 360 its customers, the reports their customers'
 * report documents — so the documents past the positions a kept set was taken at are the only
 * ones whose membership or open deals can have changed, and only they are read again. A set is
 * filed under what else its rules read — the rules themselves, the day (age bands, purchase
 * windows), the custom fields' types and the sales where the rules name fields or purchases —
 * and is taken afresh when one of those changed. Rules by the moment (contacted within, not
 * contacted for) are evaluated anew each time. At most `size` segments are kept, the least
 * recently asked going first; refreshes of one segment run one after another.
 */
export class KeptMembers {
  private readonly kept = new Map<string, Kept>();
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: ReadStore,
    private readonly size = 50,
  ) {}

  /** The segment's members now (in no particular order) and their open deals. */
  async of(segment: SegmentDoc): Promise<Members> {
    if (byTheMoment(segment.rules)) return this.computed(segment.rules);
    const previous = this.queue.get(segment._id) ?? Promise.resolve();
    const next = previous.then(
      () => this.refreshed(segment),
      () => this.refreshed(segment),
    );
    this.queue.set(segment._id, next);
    try {
      return await next;
    } finally {
      if (this.queue.get(segment._id) === next) this.queue.delete(segment._id);
    }
  }

  private async computed(rules: SegmentRules): Promise<Members> {
    const ids: string[] = [];
    for await (const c of membersOf(this.store, rules)) ids.push(c._id);
    const open = await this.openDealsOf(ids);
    return { ids, openDeals: [...open.values()].reduce((a, b) => a + b, 0) };
  }

  private async openDealsOf(ids: string[]): Promise<Map<string, number>> {
    const found = await byIds<ReportCustomerDoc>(this.store, collections.reportCustomers, ids);
    return new Map(ids.map((id) => [id, found.get(id)?.openDeals ?? 0]));
  }

  private async filing(rules: SegmentRules, today: string) {
    const at = new Map((await this.store.checkpoints()).map((c) => [c.name, c.position]));
    return JSON.stringify([
      rules,
      today,
      rules.fields ? (at.get(projections.customFields) ?? 0) : null,
      rules.purchases ? (at.get(projections.purchases) ?? 0) : null,
    ]);
  }

  private async refreshed({ _id: id, rules }: SegmentDoc): Promise<Members> {
    const context = await ruleContext(this.store, rules);
    const filedUnder = await this.filing(rules, context.today);
    let kept = this.kept.get(id);
    this.kept.delete(id);
    if (kept?.filedUnder !== filedUnder) {
      // Whatever is written while the scan runs lies past these positions and is read next.
      const position = await newest(this.store, collections.customers);
      const reportsAt = await newest(this.store, collections.reportCustomers);
      const ids: string[] = [];
      for await (const c of membersOf(this.store, rules, undefined, context)) ids.push(c._id);
      kept = { filedUnder, position, reportsAt, openDeals: await this.openDealsOf(ids) };
    } else {
      const { openDeals } = kept;
      const joined = new Set<string>();
      for await (const page of writtenSince<CustomerDoc>(
        this.store,
        collections.customers,
        kept.position,
      )) {
        const members = new Set(
          (await meeting(this.store, rules, page, context)).map((c) => c._id),
        );
        for (const c of page) {
          if (!members.has(c._id)) {
            openDeals.delete(c._id);
            joined.delete(c._id);
          } else if (!openDeals.has(c._id)) joined.add(c._id);
          kept.position = Math.max(kept.position, c._position ?? 0);
        }
      }
      for await (const page of writtenSince<ReportCustomerDoc & Stamped>(
        this.store,
        collections.reportCustomers,
        kept.reportsAt,
      ))
        for (const c of page) {
          if (openDeals.has(c._id)) openDeals.set(c._id, c.openDeals);
          kept.reportsAt = Math.max(kept.reportsAt, c._position ?? 0);
        }
      for (const [member, open] of await this.openDealsOf([...joined])) openDeals.set(member, open);
    }
    this.kept.set(id, kept);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.size) break;
      this.kept.delete(oldest);
    }
    let open = 0;
    for (const n of kept.openDeals.values()) open += n;
    return { ids: [...kept.openDeals.keys()], openDeals: open };
  }
}
