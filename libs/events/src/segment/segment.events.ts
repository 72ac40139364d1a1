import { type ConsentChannel, type CustomerCategory } from '../customer/customer.events';
import { type Event } from '../envelope';

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
   * `key>=value`, `key<=value`); a contact field holds when one contact's value does.
   */
  fields?: string[];
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

export type SegmentEvent = SegmentDefined | SegmentRedefined;
