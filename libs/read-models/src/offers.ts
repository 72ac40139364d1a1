import { type BusinessDay, type OfferLine } from '#events';

/** The current version of an offer — what it proposes — and what became of it. */
export type OfferDoc = {
  _id: string;
  dealId: string;
  customerId: string;
  version: number;
  lines: OfferLine[];
  /** The offer's own terms (payment, delivery); null when it states none. */
  terms: string | null;
  status: 'open' | 'accepted' | 'rejected' | 'expired';
  currency: string;
  totals: { net: number; vat: number; gross: number };
  validUntil: BusinessDay;
  madeAt: string;
  answeredAt: string | null;
  rejectReason: string | null;
};
