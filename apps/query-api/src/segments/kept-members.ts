import { type SegmentRules } from '#events';
import {
  collections,
  type CustomerDoc,
  meeting,
  membersOf,
  projections,
  ruleContext,
  type SegmentDoc,
} from '#read-models';
import { type ReadStore } from '#read-store';

/** A segment's members as of the customers written up to `position`. */
type Kept = { filedUnder: string; position: number; members: Set<string> };

const PAGE = 500;

/** Rules that read the clock finer than a day: their members change by the moment. */
export const byTheMoment = (rules: SegmentRules) =>
  rules.contactedWithinDays !== undefined || rules.notContactedForDays !== undefined;

/**
 * Segment members kept between questions and brought up to date from the customers written
 * since: the customer 360 projection stamps every customer it writes with its event's position
 * (`_position`), so the customers past the position a kept set was taken at are the only ones
 * whose membership can have changed, and only they are checked again. A set is filed under
 * what else its rules read — the rules themselves, the day (age bands, purchase windows), the
 * custom fields' types and the sales where the rules name fields or purchases — and is taken
 * afresh when one of those changed. Rules by the moment (contacted within, not contacted for)
 * are evaluated anew each time. At most `size` segments are kept, the least recently asked
 * going first; refreshes of one segment run one after another.
 */
export class KeptMembers {
  private readonly kept = new Map<string, Kept>();
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: ReadStore,
    private readonly size = 50,
  ) {}

  /** The ids of the segment's members now, in no particular order. */
  async of(segment: SegmentDoc): Promise<string[]> {
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

  private async computed(rules: SegmentRules): Promise<string[]> {
    const ids: string[] = [];
    for await (const c of membersOf(this.store, rules)) ids.push(c._id);
    return ids;
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

  private async refreshed({ _id: id, rules }: SegmentDoc): Promise<string[]> {
    const context = await ruleContext(this.store, rules);
    const filedUnder = await this.filing(rules, context.today);
    let kept = this.kept.get(id);
    this.kept.delete(id);
    if (kept?.filedUnder !== filedUnder) {
      // Whatever is written while the scan runs lies past this position and is checked next.
      const newest = await this.store.find<CustomerDoc>(
        collections.customers,
        {},
        { sort: [['_position', -1]], limit: 1 },
      );
      const position = newest.items[0]?._position ?? 0;
      const members = new Set<string>();
      for await (const c of membersOf(this.store, rules, undefined, context)) members.add(c._id);
      kept = { filedUnder, position, members };
    } else {
      let cursor: string | undefined;
      do {
        const page = await this.store.find<CustomerDoc>(
          collections.customers,
          { _position: { $gt: kept.position } },
          { sort: [['_position', 1]], limit: PAGE, ...(cursor ? { cursor } : {}) },
        );
        const members = new Set(
          (await meeting(this.store, rules, page.items, context)).map((c) => c._id),
        );
        for (const c of page.items) {
          if (members.has(c._id)) kept.members.add(c._id);
          else kept.members.delete(c._id);
          kept.position = Math.max(kept.position, c._position ?? 0);
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    this.kept.set(id, kept);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.size) break;
      this.kept.delete(oldest);
    }
    return [...kept.members];
  }
}
