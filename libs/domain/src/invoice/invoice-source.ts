import { notFound, violated } from '../decider';
import { type OfferState } from '../deal/offers';
import { type InvoiceLineInput } from './invoice-math';

/** The deal an invoice names, as far as invoicing cares. */
export type InvoicedDeal = {
  dealId: string;
  customerId: string;
  offers: Record<string, OfferState>;
};

/** An invoice for a deal is the deal's customer's. */
export const checkDealOfCustomer = (deal: InvoicedDeal, customerId: string): void => {
  if (deal.customerId !== customerId)
    throw violated('deal-of-another-customer', `Deal ${deal.dealId} is another customer's`);
};

/**
 * The lines an invoice copies from an accepted offer: the one named, or the deal's only
 * accepted one, in the invoice's currency.
 */
export const offerLinesFor = (
  deal: InvoicedDeal,
  currency: string,
  offerId?: string,
): { offerId: string; lines: InvoiceLineInput[] } => {
  const accepted = Object.values(deal.offers).filter((o) => o.status === 'accepted');
  const offer = offerId ? deal.offers[offerId] : accepted.length === 1 ? accepted[0] : undefined;
  if (offerId && !offer) throw notFound('offer', offerId);
  if (!offer)
    throw violated(
      accepted.length === 0 ? 'no-accepted-offer' : 'offer-required',
      accepted.length === 0
        ? 'The deal has no accepted offer to copy lines from'
        : 'The deal has several accepted offers; name one with offerId',
    );
  if (offer.status !== 'accepted')
    throw violated('offer-not-accepted', 'Only an accepted offer is invoiced');
  if (offer.currency !== currency)
    throw violated('currency-mismatch', `The offer is in ${offer.currency}`);
  return {
    offerId: offer.offerId,
    lines: offer.lines.map(
      ({ description, quantity, unitPrice, discountPercent, vatRate, productCode, unit }) => ({
        description,
        quantity,
        unitPrice,
        discountPercent,
        vatRate,
        ...(productCode ? { productCode } : {}),
        ...(unit ? { unit } : {}),
      }),
    ),
  };
};
