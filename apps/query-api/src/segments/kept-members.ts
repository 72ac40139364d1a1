import { type SegmentRules } from '#events';
import {
  collections,
  contactMeets,
  type CustomerDoc,
  meeting,
  membersOf,
  projections,
  type ReportCustomerDoc,
  ruleContext,
  type SegmentDoc,
} from '#read-models';
import { type Doc, type ReadStore } from '#read-store';
import { businessToday } from '../shared/today';

/** The context to check a segment's rules in at `now`: its day is the business's. */
export const rulesAt = (store: ReadStore, rules: SegmentRules, now: number) =>
  ruleContext(store, rules, now, businessToday(undefined, new Date(now)));

/** A segment's members now, and their open deals added up. */
export type Members = { ids: string[]; openDeals: number };

/**
 * A segment's members with their open deals, as of the checkpoints of the customer 360
 * (`customersAt`) and of the reports (`reportsAt`): every document written up to them is in.
 */
type Kept = {
  filedUnder: string;
  customersAt: number;
  reportsAt: number;
  members: Map<string, Member>;
};

/** What a question needs of a member: its open deals, and its last contact for clock rules. */
type Member = { openDeals: number; lastContactAt?: string | undefined };

const PAGE = 500;

/** Rules that read the clock finer than a day: their members change by the moment. */
export const byTheMoment = (rules: SegmentRules) =>
  rules.contactedWithinDays !== undefined || rules.notContactedForDays !== undefined;

/** The rules but those on the time since the last contact. */
const withoutClockRules = ({
  contactedWithinDays: _w,
  notContactedForDays: _n,
  ...rules
}: SegmentRules) => rules;

type Stamped = Doc & { _position?: number };

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
 * and is taken afresh when one of those changed. Rules on the time since the last contact
 * (contacted within, not contacted for) change by the moment: the set is kept by the other
 * rules, with each member's last contact, and those two are checked at every question. At most
 * `size` segments are kept, the least recently asked going first; refreshes of one segment run
 * one after another.
 */
export class KeptMembers {
  private readonly kept = new Map<string, Kept>();
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: ReadStore,
    private readonly size = 50,
  ) {}

  /** The segment's members now (in no particular order) and their open deals. */
  async of(segment: SegmentDoc, now = Date.now()): Promise<Members> {
    const previous = this.queue.get(segment._id) ?? Promise.resolve();
    const next = previous.then(
      () => this.refreshed(segment, now),
      () => this.refreshed(segment, now),
    );
    this.queue.set(segment._id, next);
    let members: Map<string, Member>;
    try {
      members = await next;
    } finally {
      if (this.queue.get(segment._id) === next) this.queue.delete(segment._id);
    }
    const ids: string[] = [];
    let openDeals = 0;
    for (const [id, m] of members)
      if (contactMeets(segment.rules, m.lastContactAt, now)) {
        ids.push(id);
        openDeals += m.openDeals;
      }
    return { ids, openDeals };
  }

  private async openDealsOf(ids: string[]): Promise<Map<string, number>> {
    const found = await this.store.getMany<ReportCustomerDoc>(collections.reportCustomers, ids);
    return new Map(ids.map((id) => [id, found.get(id)?.openDeals ?? 0]));
  }

  private filing(rules: SegmentRules, today: string, at: Map<string, number>) {
    return JSON.stringify([
      rules,
      // Age bands and purchase windows move with the day.
      rules.ageBands || rules.purchases ? today : null,
      rules.fields ? (at.get(projections.customFields) ?? 0) : null,
      rules.purchases ? (at.get(projections.purchases) ?? 0) : null,
    ]);
  }

  /**
   * The members by every rule but those on the last contact (checked per question on what is
   * kept), with their open deals and last contact.
   */
  private async refreshed(segment: SegmentDoc, now: number): Promise<Map<string, Member>> {
    const id = segment._id;
    const rules = withoutClockRules(segment.rules);
    const context = await rulesAt(this.store, rules, now);
    // Read before the documents: every document a projection wrote up to its checkpoint is
    // there to read (a store without transactions, MongoDB, shows a batch's writes one by one,
    // and its checkpoint only after them all); what lies past it is read again next time.
    const at = new Map((await this.store.checkpoints()).map((c) => [c.name, c.position]));
    const customersAt = at.get(projections.customers) ?? 0;
    const reportsAt = at.get(projections.reports) ?? 0;
    const filedUnder = this.filing(rules, context.today, at);
    let set = this.kept.get(id);
    this.kept.delete(id);
    if (set?.filedUnder !== filedUnder) {
      const last = new Map<string, string | undefined>();
      for await (const c of membersOf(this.store, rules, undefined, context))
        last.set(c._id, c.lastContactAt);
      const open = await this.openDealsOf([...last.keys()]);
      const members = new Map<string, Member>();
      for (const [member, lastContactAt] of last)
        members.set(member, { openDeals: open.get(member) ?? 0, lastContactAt });
      set = { filedUnder, customersAt, reportsAt, members };
    } else {
      const { members } = set;
      const joined = new Set<string>();
      for await (const page of writtenSince<CustomerDoc>(
        this.store,
        collections.customers,
        set.customersAt,
      )) {
        const meet = new Set((await meeting(this.store, rules, page, context)).map((c) => c._id));
        for (const c of page) {
          const member = members.get(c._id);
          if (!meet.has(c._id)) {
            members.delete(c._id);
            joined.delete(c._id);
          } else if (member) member.lastContactAt = c.lastContactAt;
          else {
            members.set(c._id, { openDeals: 0, lastContactAt: c.lastContactAt });
            joined.add(c._id);
          }
        }
      }
      set.customersAt = Math.max(set.customersAt, customersAt);
      for await (const page of writtenSince<ReportCustomerDoc & Stamped>(
        this.store,
        collections.reportCustomers,
        set.reportsAt,
      ))
        for (const c of page) {
          const member = members.get(c._id);
          if (member) member.openDeals = c.openDeals;
        }
      set.reportsAt = Math.max(set.reportsAt, reportsAt);
      for (const [member, open] of await this.openDealsOf([...joined]))
        members.get(member)!.openDeals = open;
    }
    this.kept.set(id, set);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.size) break;
      this.kept.delete(oldest);
    }
    return set.members;
  }
}
