import { type CustomerDoc } from '#read-models';
import { purchasesMeet } from './purchases';
import { SqliteReadStore } from '#read-store';
import { matches, meeting, ruleContext } from './segment-rules';

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
  lastContactAt: '2026-03-21T00:00:00.000Z',
  // An invoice issued yesterday: something happened, but no one was in touch.
  lastActivityAt: '2026-03-30T00:00:00.000Z',
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
    expect(
      matches({ contactedWithinDays: 5 }, { ...customer, lastContactAt: undefined }, now),
    ).toBe(false);
    expect(
      matches({ notContactedForDays: 90 }, { ...customer, lastContactAt: undefined }, now),
    ).toBe(true);
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
  it('holds demographic rules on the age band today, family status and children', () => {
    const person: CustomerDoc = {
      ...customer,
      demographic: { birthDate: '1990-04-01', familyStatus: 'married', children: 2 },
    };
    expect(
      matches({ ageBands: ['35–44'], familyStatuses: ['married'], hasChildren: true }, person, now),
    ).toBe(true);
    // 35 on 1 April 2026, the day after `now`
    expect(
      matches(
        { ageBands: ['35–44'] },
        { ...person, demographic: { birthDate: '1991-04-01' } },
        now,
      ),
    ).toBe(false);
    // … and on that day where the business is, though it is still 31 March in UTC
    expect(
      matches(
        { ageBands: ['35–44'] },
        { ...person, demographic: { birthDate: '1991-04-01' } },
        now,
        new Map(),
        '2026-04-01',
      ),
    ).toBe(true);
    expect(matches({ hasChildren: false }, person, now)).toBe(false);
    expect(matches({ familyStatuses: ['single'] }, person, now)).toBe(false);
    expect(matches({ hasChildren: false }, customer, now)).toBe(false);
  });
  it('given a context at the business day, then ages count on that day', async () => {
    const store = new SqliteReadStore(':memory:');
    const rules = { ageBands: ['35–44' as const] };
    const turning: CustomerDoc = { ...customer, demographic: { birthDate: '1991-04-01' } };
    const there = await ruleContext(store, rules, now, '2026-04-01');
    expect(await meeting(store, rules, [turning], there)).toEqual([turning]);
    const utc = await ruleContext(store, rules, now, '2026-03-31');
    expect(await meeting(store, rules, [turning], utc)).toEqual([]);
    await store.close();
  });
});

describe('purchase rules', () => {
  const today = '2026-03-31';
  const sale = (issuedOn: string, net: number, products: string[] = ['hooldus']) => ({
    issuedOn,
    currency: 'EUR',
    net,
    products,
  });
  const sales = [
    sale('2025-06-01', 50_000, ['ounapuu']),
    sale('2026-03-01', 20_000),
    sale('2026-03-20', 10_000),
  ];

  it('what was bought, within a window', () => {
    expect(purchasesMeet({ products: ['Hooldus'] }, sales, today)).toBe(true);
    expect(purchasesMeet({ products: ['ounapuu'] }, sales, today)).toBe(true);
    expect(purchasesMeet({ products: ['ounapuu'], withinDays: 90 }, sales, today)).toBe(false);
  });

  it('recency, frequency and monetary value', () => {
    expect(purchasesMeet({ lastWithinDays: 14 }, sales, today)).toBe(true);
    expect(purchasesMeet({ lastWithinDays: 7 }, sales, today)).toBe(false);
    expect(purchasesMeet({ noneForDays: 7 }, sales, today)).toBe(true);
    expect(purchasesMeet({ noneForDays: 14 }, sales, today)).toBe(false);
    expect(purchasesMeet({ noneForDays: 14 }, [], today)).toBe(true);
    expect(purchasesMeet({ minCount: 3 }, sales, today)).toBe(true);
    expect(purchasesMeet({ minCount: 3, withinDays: 90 }, sales, today)).toBe(false);
    expect(purchasesMeet({ minSpent: { amount: 80_000, currency: 'EUR' } }, sales, today)).toBe(
      true,
    );
    expect(
      purchasesMeet(
        { minSpent: { amount: 80_000, currency: 'EUR' }, withinDays: 180 },
        sales,
        today,
      ),
    ).toBe(false);
    expect(purchasesMeet({ minSpent: { amount: 1, currency: 'USD' } }, sales, today)).toBe(false);
  });
});
