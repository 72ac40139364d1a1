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
  it('holds custom field conditions on the customer, or on any one of its contacts', () => {
    const fields = new Map([
      ['employees', { entity: 'customer' as const, fieldType: 'number' as const }],
      ['languages', { entity: 'contact' as const, fieldType: 'multiChoice' as const }],
      ['budget', { entity: 'deal' as const, fieldType: 'money' as const }],
    ]);
    const withFields: CustomerDoc = {
      ...customer,
      customFields: { employees: 40 },
      contacts: {
        k1: { contactId: 'k1', name: 'Mari', customFields: { languages: ['et'] } },
        k2: { contactId: 'k2', name: 'Jüri', customFields: { languages: ['ru', 'en'] } },
      },
    };
    const holds = (...conditions: string[]) =>
      matches({ fields: conditions }, withFields, now, fields);
    expect(holds('employees>=10', 'languages:EN')).toBe(true);
    expect(holds('employees<=10')).toBe(false);
    expect(holds('languages:fi')).toBe(false);
    // a deal's field, or a field no longer known, holds for no customer
    expect(holds('budget>=1')).toBe(false);
    expect(holds('unknown:1')).toBe(false);
  });
});
