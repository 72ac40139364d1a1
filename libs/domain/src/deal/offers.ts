import {
  type BusinessDay,
  type DealEvent,
  type Money,
  type OfferContent,
  type OfferLine,
} from '#events';
import { notFound, unreachable, violated } from '../decider';
import { checkedTotalOf, type InvoiceLineInput, priceLine } from '../invoice/invoice-math';

export type OfferStatus = 'open' | 'accepted' | 'rejected' | 'expired';

/** The current version of an offer; earlier versions live only in the stream's history. */
export type OfferState = OfferContent & { offerId: string; version: number; status: OfferStatus };

export type OfferLineInput = InvoiceLineInput & { kind: 'product' | 'service' };

/** The deal an offer command acts on, as far as offers care. */
export type OfferDeal = {
  dealId: string;
  customerId: string;
  open: boolean;
  value: Money;
  offers: Record<string, OfferState>;
};

type Proposal = {
  dealId: string;
  offerId: string;
  lines: OfferLineInput[];
  currency: string;
  terms?: string;
  validUntil: BusinessDay;
  /** Today's business day where the deal is handled; the decider never reads a clock. */
  today: BusinessDay;
  now: string;
};
export type MakeOffer = { type: 'MakeOffer' } & Proposal;
export type ReviseOffer = { type: 'ReviseOffer' } & Proposal;
export type AcceptOffer = {
  type: 'AcceptOffer';
  dealId: string;
  offerId: string;
  /** The version the customer accepted; a newer one means it was superseded. */
  version?: number;
  today: BusinessDay;
  now: string;
};
export type RejectOffer = {
  type: 'RejectOffer';
  dealId: string;
  offerId: string;
  reason: string;
  now: string;
};
export type ExpireOffer = {
  type: 'ExpireOffer';
  dealId: string;
  offerId: string;
  /** The day the offer is expired as of (a sweep catching up); today when absent. */
  asOf?: BusinessDay;
  today: BusinessDay;
  now: string;
};

export type OfferCommand = MakeOffer | ReviseOffer | AcceptOffer | RejectOffer | ExpireOffer;

const content = (command: Proposal): OfferContent => {
  if (command.lines.length === 0) throw violated('lines-required', 'An offer needs a line');
  if (command.validUntil < command.today)
    throw violated('valid-until-past', 'An offer must be valid until today or later');
  const lines: OfferLine[] = command.lines.map((l) => ({ ...priceLine(l), kind: l.kind }));
  return {
    lines,
    currency: command.currency,
    totals: checkedTotalOf(lines),
    ...(command.terms ? { terms: command.terms } : {}),
    validUntil: command.validUntil,
  };
};

const offerOf = (deal: OfferDeal, offerId: string) => {
  const offer = deal.offers[offerId];
  if (!offer) throw notFound('offer', offerId);
  return offer;
};

const openOffer = (deal: OfferDeal, offerId: string, action: string) => {
  const offer = offerOf(deal, offerId);
  if (offer.status !== 'open')
    throw violated(`offer-${offer.status}`, `An ${offer.status} offer cannot be ${action}`);
  return offer;
};

export const decideOffer = (command: OfferCommand, deal: OfferDeal): DealEvent[] => {
  const ref = (offer: { offerId: string; version: number }) => ({
    dealId: deal.dealId,
    customerId: deal.customerId,
    offerId: offer.offerId,
    version: offer.version,
  });
  switch (command.type) {
    case 'MakeOffer': {
      if (!deal.open) throw violated('deal-closed', 'Offers are made on open deals');
      if (deal.offers[command.offerId])
        throw violated('offer-exists', 'The offer exists; revise it');
      return [
        {
          type: 'OfferMade',
          data: {
            ...ref({ offerId: command.offerId, version: 1 }),
            ...content(command),
            madeAt: command.now,
          },
        },
      ];
    }
    case 'ReviseOffer': {
      if (!deal.open) throw violated('deal-closed', 'Offers are revised on open deals');
      const offer = openOffer(deal, command.offerId, 'revised');
      return [
        {
          type: 'OfferRevised',
          data: {
            ...ref({ offerId: offer.offerId, version: offer.version + 1 }),
            ...content(command),
            revisedAt: command.now,
          },
        },
      ];
    }
    case 'AcceptOffer': {
      if (!deal.open) throw violated('deal-closed', 'A closed deal accepts no offer; reopen it');
      const offer = openOffer(deal, command.offerId, 'accepted');
      if (command.version !== undefined && command.version !== offer.version)
        throw violated(
          'offer-superseded',
          `Version ${command.version} was superseded by version ${offer.version}`,
        );
      if (command.today > offer.validUntil)
        throw violated('offer-expired', `The offer was valid until ${offer.validUntil}`);
      const value = { amount: offer.totals.net, currency: offer.currency };
      const changed = value.amount !== deal.value.amount || value.currency !== deal.value.currency;
      return [
        {
          type: 'OfferAccepted',
          data: {
            ...ref(offer),
            currency: offer.currency,
            totals: offer.totals,
            acceptedAt: command.now,
          },
        },
        ...(changed
          ? [
              {
                type: 'DealValueChanged' as const,
                data: {
                  dealId: deal.dealId,
                  customerId: deal.customerId,
                  value,
                  previousValue: deal.value,
                  reason: `offer ${offer.offerId} v${offer.version} accepted`,
                  changedAt: command.now,
                },
              },
            ]
          : []),
      ];
    }
    case 'RejectOffer': {
      const offer = openOffer(deal, command.offerId, 'rejected');
      if (command.reason.trim() === '')
        throw violated('reason-required', 'Rejecting an offer needs a reason');
      return [
        {
          type: 'OfferRejected',
          data: { ...ref(offer), reason: command.reason, rejectedAt: command.now },
        },
      ];
    }
    case 'ExpireOffer': {
      const asOf = command.asOf ?? command.today;
      // Today decides: an offer cannot be expired as of a day that has not come yet.
      if (asOf > command.today)
        throw violated('as-of-in-future', `asOf ${asOf} is later than today (${command.today})`);
      const offer = offerOf(deal, command.offerId);
      // A scheduler may sweep twice, or after the customer answered: nothing more to do then.
      if (offer.status !== 'open') return [];
      if (asOf <= offer.validUntil)
        throw violated('offer-still-valid', `The offer is valid until ${offer.validUntil}`);
      return [
        {
          type: 'OfferExpired',
          data: { ...ref(offer), validUntil: offer.validUntil, expiredAt: command.now },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

type OfferEvent = Extract<
  DealEvent,
  { type: 'OfferMade' | 'OfferRevised' | 'OfferAccepted' | 'OfferRejected' | 'OfferExpired' }
>;

export const evolveOffers = (
  offers: Record<string, OfferState>,
  event: OfferEvent,
): Record<string, OfferState> => {
  const { offerId, version } = event.data;
  switch (event.type) {
    case 'OfferMade':
    case 'OfferRevised': {
      const { lines, currency, totals, terms, validUntil } = event.data;
      return {
        ...offers,
        [offerId]: {
          offerId,
          version,
          status: 'open',
          lines,
          currency,
          totals,
          ...(terms ? { terms } : {}),
          validUntil,
        },
      };
    }
    case 'OfferAccepted':
    case 'OfferRejected':
    case 'OfferExpired': {
      const offer = offers[offerId];
      if (!offer) return offers;
      const status = (
        { OfferAccepted: 'accepted', OfferRejected: 'rejected', OfferExpired: 'expired' } as const
      )[event.type];
      return { ...offers, [offerId]: { ...offer, status } };
    }
    default:
      return unreachable(event);
  }
};
