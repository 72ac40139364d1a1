import { addDays } from '#domain';
import { ERASED } from '#events';
import { collections, HOLDS_ON, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Agreements with customers, for the 360, lists and the reminders before they lapse. */
export const agreementsProjection: Projection = {
  name: projections.agreements,
  indexes: [
    [collections.agreements, ['customerId', 'agreedOn']],
    [collections.agreements, ['status', 'validUntil']],
    [collections.agreements, ['holdsThrough']],
    [collections.agreements, ['agreedOn']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'AgreementRecorded': {
          const { agreementId, ...d } = event.data;
          return upsert(stored, collections.agreements, agreementId, {
            $set: {
              customerId: d.customerId,
              title: d.title,
              terms: d.terms,
              staffId: d.staffId,
              contactIds: d.contactIds,
              agreedOn: d.agreedOn,
              validUntil: d.validUntil ?? null,
              dealId: d.dealId ?? null,
              documentIds: d.documentIds,
              status: 'active',
              endsOn: null,
              terminationReason: null,
              recordedAt: d.recordedAt,
              holdsThrough: d.validUntil ?? HOLDS_ON,
            },
          });
        }
        case 'AgreementRenewed':
          return upsert(stored, collections.agreements, event.data.agreementId, {
            $set: {
              validUntil: event.data.validUntil,
              holdsThrough: event.data.validUntil ?? HOLDS_ON,
            },
          });
        case 'AgreementTerminated':
          return upsert(stored, collections.agreements, event.data.agreementId, {
            $set: {
              status: 'terminated',
              endsOn: event.data.endsOn,
              terminationReason: event.data.reason,
            },
            // Given notice, it holds until the day before its termination ends it.
            $min: { holdsThrough: addDays(event.data.endsOn, -1) },
          });
        case 'CustomerPersonalDataErased':
          // What was agreed is free text about the customer.
          return [
            {
              kind: 'setWhere',
              collection: collections.agreements,
              where: { customerId: event.data.customerId },
              set: { title: ERASED, terms: ERASED },
            },
            {
              kind: 'setWhere',
              collection: collections.agreements,
              where: { customerId: event.data.customerId, status: 'terminated' },
              set: { terminationReason: ERASED },
            },
          ];
        default:
          return [];
      }
    }),
};
