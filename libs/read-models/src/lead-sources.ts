/**
 * Where customers come from (`GET /reports/lead-sources`): the leads of each source created in
 * a business month, and what has become of them so far — qualified, disqualified, converted,
 * and the deals made from them won or lost. Every outcome counts for the month its lead was
 * created in (its cohort), whenever it happened.
 */

/**
 * The leads of one source created in one month (id `<YYYY-MM>:<source key>`), as they stand,
 * and the customers registered with that source in the month without a lead.
 */
export type LeadSourceMonthDoc = {
  _id: string;
  /** The source compared without case, as routing compares it (`fair`). */
  sourceKey: string;
  /** The source as the month's first lead spelt it. */
  source: string;
  month: string;
  created?: number;
  qualified?: number;
  disqualified?: number;
  converted?: number;
  /** Milliseconds from creation to conversion of the converted ones, together. */
  msToConvert?: number;
  /** Deals made from the leads that stand won, or lost, now (a reopened deal counts neither). */
  won?: number;
  lost?: number;
  /** What those won deals were won for, by currency (minor units). */
  wonValue?: Record<string, number>;
  /** Customers registered in the month with this source, not from a lead. */
  registeredDirectly?: number;
};

/** A lead's cohort: its source, its month and when it was created. */
export type LeadCohortLeadDoc = {
  _id: string;
  sourceKey: string;
  month: string;
  createdAt: string;
};

/** A deal made from a lead: its lead's cohort, and how the deal stands. */
export type LeadCohortDealDoc = {
  _id: string;
  sourceKey: string;
  month: string;
  outcome: 'open' | 'won' | 'lost';
  /** What it was won for, while it stands won. */
  wonValue?: { amount: number; currency: string };
};

export const leadSourceMonthId = (month: string, sourceKey: string) => `${month}:${sourceKey}`;
