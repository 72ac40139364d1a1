import { type BusinessDay } from '#events';

/** The current version of an offer and what became of it. */
export type OfferDoc = {
  _id: string;
  dealId: string;
  customerId: string;
  version: number;
  status: 'open' | 'accepted' | 'rejected' | 'expired';
  currency: string;
  totals: { net: number; vat: number; gross: number };
  validUntil: BusinessDay;
  madeAt: string;
  answeredAt: string | null;
  rejectReason: string | null;
};
