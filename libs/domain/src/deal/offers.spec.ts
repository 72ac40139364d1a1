import { type DealEvent } from '#events';
import { specFor } from '../testing';
import { dealDecider } from './deal.decider';
import { type MakeOffer } from './offers';

const now = '2026-03-05T09:00:00.000Z';
const spec = specFor(dealDecider);
const opened: DealEvent = {
  type: 'DealOpened',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    pipelineId: 'p1',
    stageId: 'st1',
    title: 'Deal',
    value: { amount: 100_000, currency: 'EUR' },
    ownerId: 's1',
    openedAt: now,
  },
};
const make: MakeOffer = {
  type: 'MakeOffer',
  dealId: 'd1',
  offerId: 'o1',
  lines: [
    {
      kind: 'product',
      description: 'Licence',
      quantity: 10,
      unitPrice: 10_000,
      discountPercent: 10,
      vatRate: 24,
    },
    {
      kind: 'service',
      description: 'Setup',
      quantity: 1.5,
      unitPrice: 8_000,
      discountPercent: 0,
      vatRate: 24,
    },
  ],
  currency: 'EUR',
  terms: '14 days net',
  validUntil: '2026-03-20',
  today: '2026-03-05',
  now,
};
const made: DealEvent = {
  type: 'OfferMade',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    offerId: 'o1',
    version: 1,
    lines: [
      {
        kind: 'product',
        description: 'Licence',
        quantity: 10,
        unitPrice: 10_000,
        discountPercent: 10,
        vatRate: 24,
        net: 90_000,
        vat: 21_600,
        gross: 111_600,
      },
      {
        kind: 'service',
        description: 'Setup',
        quantity: 1.5,
        unitPrice: 8_000,
        discountPercent: 0,
        vatRate: 24,
        net: 12_000,
        vat: 2_880,
        gross: 14_880,
      },
    ],
    currency: 'EUR',
    totals: { net: 102_000, vat: 24_480, gross: 126_480 },
    terms: '14 days net',
    validUntil: '2026-03-20',
    madeAt: now,
  },
};
const revise = {
  ...make,
  type: 'ReviseOffer' as const,
  lines: [make.lines[0]!],
  validUntil: '2026-03-25',
};
const revised: DealEvent = {
  type: 'OfferRevised',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    offerId: 'o1',
    version: 2,
    lines: [(made.data as { lines: unknown[] }).lines[0]] as never,
    currency: 'EUR',
    totals: { net: 90_000, vat: 21_600, gross: 111_600 },
    terms: '14 days net',
    validUntil: '2026-03-25',
    revisedAt: now,
  },
};
const accept = {
  type: 'AcceptOffer' as const,
  dealId: 'd1',
  offerId: 'o1',
  today: '2026-03-10',
  now,
};
const expire = {
  type: 'ExpireOffer' as const,
  dealId: 'd1',
  offerId: 'o1',
  today: '2026-03-21',
  now,
};
const expired: DealEvent = {
  type: 'OfferExpired',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    offerId: 'o1',
    version: 1,
    validUntil: '2026-03-20',
    expiredAt: now,
  },
};

describe('offers', () => {
  it('makes an offer priced line by line', () => {
    spec([opened]).when(make).then([made]);
  });
  it('refuses an offer valid until a past day, without lines, or on a closed deal', () => {
    spec([opened])
      .when({ ...make, validUntil: '2026-03-04' })
      .thenRejectedWith('valid-until-past');
    spec([opened])
      .when({ ...make, lines: [] })
      .thenRejectedWith('lines-required');
    spec([
      opened,
      { type: 'DealLost', data: { dealId: 'd1', customerId: 'c1', reason: 'x', lostAt: now } },
    ])
      .when(make)
      .thenRejectedWith('deal-closed');
  });
  it('refuses an offer whose lines come to more than stays exact, and a revision likewise', () => {
    const huge = { ...make.lines[0]!, quantity: 1_000_000, unitPrice: 100_000_000_000 };
    spec([opened])
      .when({ ...make, lines: [huge] })
      .thenRejectedWith('amount-too-large');
    spec([opened, made])
      .when({ ...make, type: 'ReviseOffer', lines: [make.lines[1]!, huge] })
      .thenRejectedWith('amount-too-large');
  });
  it('revises into a new version, the old one staying in the history', () => {
    spec([opened, made]).when(revise).then([revised]);
  });
  it('accepts the current version and sets the deal value to its net total', () => {
    spec([opened, made, revised])
      .when({ ...accept, version: 2 })
      .then([
        {
          type: 'OfferAccepted',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            offerId: 'o1',
            version: 2,
            currency: 'EUR',
            totals: { net: 90_000, vat: 21_600, gross: 111_600 },
            acceptedAt: now,
          },
        },
        {
          type: 'DealValueChanged',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            value: { amount: 90_000, currency: 'EUR' },
            previousValue: { amount: 100_000, currency: 'EUR' },
            reason: 'offer o1 v2 accepted',
            changedAt: now,
          },
        },
      ]);
  });
  it('refuses a superseded version', () => {
    spec([opened, made, revised])
      .when({ ...accept, version: 1 })
      .thenRejectedWith('offer-superseded');
  });
  it('refuses acceptance after valid-until, whether or not it was expired', () => {
    spec([opened, made])
      .when({ ...accept, today: '2026-03-21' })
      .thenRejectedWith('offer-expired');
    spec([opened, made, expired]).when(accept).thenRejectedWith('offer-expired');
  });
  it('rejects with a reason, and a rejected offer is not accepted later', () => {
    const rejected: DealEvent = {
      type: 'OfferRejected',
      data: {
        dealId: 'd1',
        customerId: 'c1',
        offerId: 'o1',
        version: 1,
        reason: 'too expensive',
        rejectedAt: now,
      },
    };
    spec([opened, made])
      .when({ type: 'RejectOffer', dealId: 'd1', offerId: 'o1', reason: 'too expensive', now })
      .then([rejected]);
    spec([opened, made, rejected]).when(accept).thenRejectedWith('offer-rejected');
  });
  it('expires only after valid-until, once', () => {
    spec([opened, made])
      .when({ ...expire, today: '2026-03-20' })
      .thenRejectedWith('offer-still-valid');
    spec([opened, made]).when(expire).then([expired]);
    spec([opened, made, expired]).when(expire).thenNothingHappened();
  });
  it('expires as of a past day, never as of a day still to come', () => {
    spec([opened, made])
      .when({ ...expire, today: '2026-03-25', asOf: '2026-03-20' })
      .thenRejectedWith('offer-still-valid');
    spec([opened, made])
      .when({ ...expire, today: '2026-03-25', asOf: '2026-03-21' })
      .then([expired]);
    spec([opened, made])
      .when({ ...expire, today: '2026-03-21', asOf: '2026-03-22' })
      .thenRejectedWith('as-of-in-future');
  });
  it('refuses an unknown offer', () => {
    spec([opened]).when(accept).thenRejectedWith('offer-not-found');
  });
});

describe('ChangeDealValue', () => {
  it('records the new and the previous value', () => {
    spec([opened])
      .when({
        type: 'ChangeDealValue',
        dealId: 'd1',
        value: { amount: 150_000, currency: 'EUR' },
        reason: 'scope grew',
        now,
      })
      .then([
        {
          type: 'DealValueChanged',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            value: { amount: 150_000, currency: 'EUR' },
            previousValue: { amount: 100_000, currency: 'EUR' },
            reason: 'scope grew',
            changedAt: now,
          },
        },
      ]);
  });
  it('records nothing for the same value', () => {
    spec([opened])
      .when({
        type: 'ChangeDealValue',
        dealId: 'd1',
        value: { amount: 100_000, currency: 'EUR' },
        now,
      })
      .thenNothingHappened();
  });
});
