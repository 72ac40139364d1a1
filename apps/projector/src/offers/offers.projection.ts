import { ERASED } from '#events';
import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Offers by customer: the current version of each and whether it was accepted or not. */
export const offersProjection: Projection = {
  name: projections.offers,
  indexes: [
    [collections.offers, ['customerId', 'madeAt']],
    [collections.offers, ['dealId', 'madeAt']],
    [collections.offers, ['status', 'madeAt']],
    [collections.offers, ['madeAt']],
  ],
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
              lines: d.lines,
              terms: d.terms ?? null,
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
        case 'CustomerPersonalDataErased': {
          // An offer's terms and why it was rejected are free text about the customer.
          const { customerId } = event.data;
          return [
            {
              kind: 'setWhere',
              collection: collections.offers,
              where: { customerId },
              set: { terms: null },
            },
            {
              kind: 'setWhere',
              collection: collections.offers,
              where: { customerId, status: 'rejected' },
              set: { rejectReason: ERASED },
            },
          ];
        }
        default:
          return [];
      }
    }),
};
