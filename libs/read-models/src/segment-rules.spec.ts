import { type CustomerDoc } from '#read-models';
import { matches } from './segment-rules';

const now = Date.parse('2026-03-31T00:00:00.000Z');
const customer: CustomerDoc = {
  _id: 'c1',
  kind: 'company',
  name: 'Purje OÜ',
  ownerId: 's1',
  registeredAt: '2026-01-01T00:00:00.000Z',
  status: 'active',
  category: 'large',
  tagSet: { vip: true, regatta: true },
  addresses: [{ city: 'Tallinn' }],
  psychographic: { interests: ['Sailing', 'golf'] },
  consents: { email: { source: 'web', givenAt: '2026-01-02T00:00:00.000Z' } },
  lastActivityAt: '2026-03-21T00:00:00.000Z',
};

describe('segment rules', () => {
  it('holds when every rule given holds', () => {
    expect(
      matches(
        {
          categories: ['large', 'top'],
          tagsAll: ['vip'],
          tagsAny: ['regatta', 'fair'],
          cities: ['tallinn'],
          interestsAny: ['sailing'],
          ownerIds: ['s1'],
          consent: ['email'],
          contactedWithinDays: 30,
        },
        customer,
        now,
      ),
    ).toBe(true);
  });
  it('fails on any one rule', () => {
    expect(matches({ categories: ['top'] }, customer, now)).toBe(false);
    expect(matches({ tagsAll: ['vip', 'fair'] }, customer, now)).toBe(false);
    expect(matches({ cities: ['Tartu'] }, customer, now)).toBe(false);
    expect(matches({ consent: ['email', 'sms'] }, customer, now)).toBe(false);
    expect(matches({ contactedWithinDays: 5 }, customer, now)).toBe(false);
    expect(matches({ notContactedForDays: 5 }, customer, now)).toBe(true);
    expect(matches({ notContactedForDays: 20 }, customer, now)).toBe(false);
    expect(matches({ categories: ['large'] }, { ...customer, status: 'archived' }, now)).toBe(
      false,
    );
  });
});
