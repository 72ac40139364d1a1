import {
  type ConsentChannel,
  type CustomerCategory,
  type FamilyStatus,
} from '../customer/customer.events';
import { type Event, type Money } from '../envelope';

/** Age bands, as segment rules and the group report name them. */
export const ageBands = ['under 25', '25–34', '35–44', '45–54', '55–64', '65 and over'] as const;
export type AgeBand = (typeof ageBands)[number];

/**
 * What customers bought, how recently, how often and how much (recency, frequency, monetary),
 * from their issued invoices (not voided; credit notes deducted; prepayments are no sale).
 * Every condition given holds.
 */
export type PurchaseRules = {
  /** Bought any of these products or services (a line's name contains one, case ignored). */
  products?: string[];
  /** Only purchases of the last N days count for `products`, `minCount` and `minSpent`. */
  withinDays?: number;
  /** At least this many invoices (frequency). */
  minCount?: number;
  /** At least this much net, in this currency (monetary). */
  minSpent?: Money;
  /** The last purchase at most N days ago (recency). */
  lastWithinDays?: number;
  /** No purchase for at least N days, or never (lapsed buyers). */
  noneForDays?: number;
};

/**
 * Who belongs to a segment: every rule given must hold (lists inside a rule are alternatives,
 * except `tagsAll`). Membership is computed by the read side from the customers' data.
 */
export type SegmentRules = {
  categories?: CustomerCategory[];
  tagsAll?: string[];
  tagsAny?: string[];
  cities?: string[];
  interestsAny?: string[];
  ownerIds?: string[];
  /** Customers with marketing consent on every one of these channels. */
  consent?: ConsentChannel[];
  /** Last contact at most this many days ago. */
  contactedWithinDays?: number;
  /** No contact for at least this many days (or never). */
  notContactedForDays?: number;
  /**
   * Conditions on customer or contact custom fields, all of which hold (`key:value`,
   * `key>=value`, `key>value`, `key<=value`, `key<value`); a contact field holds when one contact's value does.
   */
  fields?: string[];
  purchases?: PurchaseRules;
  /** Demographics: age band today, family status, having children. */
  ageBands?: AgeBand[];
  familyStatuses?: FamilyStatus[];
  hasChildren?: boolean;
};

export type SegmentDefined = Event<
  'SegmentDefined',
  { segmentId: string; name: string; description?: string; rules: SegmentRules; definedAt: string }
>;
export type SegmentRedefined = Event<
  'SegmentRedefined',
  {
    segmentId: string;
    name: string;
    description?: string;
    rules: SegmentRules;
    previousRules: SegmentRules;
    redefinedAt: string;
  }
>;

/** A segment no longer used: kept with its history, no campaign is started for it. */
export type SegmentRetired = Event<
  'SegmentRetired',
  { segmentId: string; name: string; reason?: string; retiredAt: string }
>;

export type SegmentEvent = SegmentDefined | SegmentRedefined | SegmentRetired;
