import { type CustomerCategory } from '#events';

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
  products?: Record<string, Record<string, { name: string; revenue: number; quantity: number }>>;
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
};
