import { type ActivityKind, type CustomerCategory } from '#events';

/** Days after a campaign message within which a recipient's new or won deal counts for it. */
export const CAMPAIGN_ATTRIBUTION_DAYS = 30;

/** Where a customer was when a ticket was opened: a stage of its newest open deal, or none. */
export type TicketPhase = `stage_${string}` | 'customer' | 'prospect';

/** A customer's category as reports count it; a customer starts without one. */
export type ReportCategory = CustomerCategory | 'uncategorised';

/** What a group of customers did in one month, kept by $inc; money per currency, minor units. */
export type MonthFacts = {
  newCustomers?: number;
  dealsOpened?: number;
  won?: number;
  lost?: number;
  /** Days from opening to winning, summed over the deals won. */
  cycleDays?: number;
  wonValue?: Record<string, number>;
  invoiced?: Record<string, number>;
  paid?: Record<string, number>;
  /** Invoiced lines by currency and product key: net revenue and quantity. */
  products?: Record<
    string,
    Record<string, { name: string; productCode?: string; revenue: number; quantity: number }>
  >;
  /** Interactions that happened (logged, or planned and completed), by kind. */
  interactions?: Partial<Record<ActivityKind, number>>;
  /** Tickets opened, by classification key (with its name) and by the customer's phase then. */
  ticketClasses?: Record<string, { name: string; count: number }>;
  ticketPhases?: Partial<Record<TicketPhase, number>>;
  /**
   * Campaign messages sent and given up, replies to them, unsubscribes by their links, and deals
   * opened and won by recipients within {@link CAMPAIGN_ATTRIBUTION_DAYS} of a message.
   */
  campaign?: {
    sent?: number;
    failed?: number;
    replies?: number;
    unsubscribes?: number;
    dealsOpened?: number;
    dealsWon?: number;
  };
};

export type CategoryMonthDoc = {
  _id: string;
  category: ReportCategory;
  month: string;
} & MonthFacts;
export type CustomerMonthDoc = { _id: string; customerId: string; month: string } & MonthFacts;
export type CategoryNowDoc = { _id: string; customers: number; openDeals: number };
export type ReportCustomerDoc = {
  _id: string;
  category: ReportCategory;
  openDeals: number;
  active: boolean;
  /**
   * When each of its open deals was opened: the newest one's stage is its phase. The stages
   * are kept in the deals' own documents, so moving a deal does not rewrite this one.
   */
  dealsOpenedAt?: Record<string, string>;
  wonDeals?: number;
  /** When it was last sent a campaign message. */
  lastCampaignAt?: string;
};
