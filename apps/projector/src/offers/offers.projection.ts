import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Offers by customer: the current version of each and whether it was accepted or not. */
export const offersProjection: Projection = {
  name: projections.offers,
  indexes: [[collections.offers, ['customerId', 'madeAt']]],
  project: (stored) =>
    typed(stored, (event) => {
      const offer = (id: string, update: Parameters<typeof upsert>[3]) =>
        upsert(stored, collections.offers, id, update);
      switch (event.type) {
        case 'OfferMade':
        case 'OfferRevised': {
          const d = event.data;
          return offer(d.offerId, {
            $set: {
              dealId: d.dealId,
              customerId: d.customerId,
              version: d.version,
              status: 'open',
              currency: d.currency,
              totals: d.totals,
              validUntil: d.validUntil,
              answeredAt: null,
              rejectReason: null,
            },
            $setOnInsert: { madeAt: 'madeAt' in d ? d.madeAt : d.revisedAt },
          });
        }
        case 'OfferAccepted':
          return offer(event.data.offerId, {
            $set: { status: 'accepted', answeredAt: event.data.acceptedAt },
          });
        case 'OfferRejected':
          return offer(event.data.offerId, {
            $set: {
              status: 'rejected',
              answeredAt: event.data.rejectedAt,
              rejectReason: event.data.reason,
            },
          });
        case 'OfferExpired':
          return offer(event.data.offerId, {
            $set: { status: 'expired', answeredAt: event.data.expiredAt },
          });
        default:
          return [];
      }
    }),
};
