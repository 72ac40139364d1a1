import { collections, type OfferDoc } from '#read-models';
import { type Doc, type ReadStore } from '#read-store';
import { type DocumentSettings, loadOfferDocument } from './documents';

const offer: OfferDoc = {
  _id: 'o1',
  dealId: 'd1',
  customerId: 'c1',
  version: 1,
  lines: [],
  terms: null,
  status: 'open',
  currency: 'EUR',
  totals: { net: 0, vat: 0, gross: 0 },
  validUntil: '2026-12-31',
  // 00:30 on 1 December in Tallinn (UTC+2), still 30 November in UTC.
  madeAt: '2026-11-30T22:30:00.000Z',
  answeredAt: null,
  rejectReason: null,
};

const store: Pick<ReadStore, 'get'> = {
  get: <T extends Doc>(collection: string, id: string) =>
    Promise.resolve(
      (collection === collections.offers && id === offer._id ? offer : undefined) as T | undefined,
    ),
};

const settings = (timeZone: string): DocumentSettings => ({
  seller: { name: 'Kroonika OÜ', address: { country: 'EE' }, lines: [], bankAccounts: [] },
  defaultLanguage: 'et',
  timeZone,
});

describe('an offer as a document', () => {
  it('given an offer made just after midnight in Tallinn, then it is dated that day there, not the day before as in UTC', async () => {
    expect((await loadOfferDocument(store, 'o1', settings('Europe/Tallinn')))?.issuedOn).toBe(
      '2026-12-01',
    );
    expect((await loadOfferDocument(store, 'o1', settings('UTC')))?.issuedOn).toBe('2026-11-30');
  });
});
