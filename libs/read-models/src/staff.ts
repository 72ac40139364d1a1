import { type StaffMemberRegistered } from '#events';
import { type From } from './from';

export type StaffDoc = From<StaffMemberRegistered['data'], 'staffId'> & {
  status: 'active' | 'deactivated';
  successorId?: string | null;
  deactivatedAt?: string;
};

/** A member's live calendar feed (none: `feedId` null); kept apart from the staff list. */
export type CalendarFeedDoc = { _id: string; feedId: string | null };

export type PortfolioKind = 'lead' | 'customer' | 'deal' | 'activity' | 'ticket';

/** One lead, customer, deal, activity or ticket and who owns it (id: `<kind>-<itemId>`). */
export type PortfolioItemDoc = {
  _id: string;
  kind: PortfolioKind;
  itemId: string;
  /** null for a lead not yet converted */
  customerId: string | null;
  ownerId: string;
  open: boolean;
  title: string;
  ownedSince: string;
  dueOn?: string | null;
  status: string;
};
