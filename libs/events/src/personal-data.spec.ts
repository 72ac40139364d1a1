import {
  ERASED,
  erasedData,
  joinPersonal,
  keySubjectOf,
  personalPathsIn,
  splitPersonal,
} from './personal-data';

const profile = {
  customerId: 'c1',
  changes: { name: 'Mari', website: 'https://x.ee', demographic: { birthDate: null } },
  updatedAt: 't',
};

describe('personal data of events', () => {
  it('finds the personal paths an event holds values in; a cleared value holds none', () => {
    expect(personalPathsIn('CustomerProfileUpdated', profile)).toEqual([
      'changes.name',
      'changes.demographic',
      'changes.website',
    ]);
    expect(
      personalPathsIn('ContactPersonUpdated', { changes: { email: null, phone: '1' } }),
    ).toEqual(['changes.phone']);
    expect(personalPathsIn('DealWon', { dealId: 'd1' })).toEqual([]);
  });

  it('keys a lead event by its lead and every other by its customer', () => {
    expect(keySubjectOf('LeadCreated', { leadId: 'l1' })).toBe('lead:l1');
    expect(keySubjectOf('TicketResponded', { customerId: 'c1' })).toBe('customer:c1');
    expect(keySubjectOf('DealStageMoved', { customerId: 'c1' })).toBeUndefined();
  });

  it('erases required fields to a marker and drops optional ones', () => {
    expect(
      erasedData('CustomerRegistered', { name: 'Mari', kind: 'person' }, ['name', 'email']),
    ).toEqual({ name: ERASED, kind: 'person' });
    expect(erasedData('CustomerProfileUpdated', profile, ['changes.name'])).toEqual({
      customerId: 'c1',
      changes: { website: 'https://x.ee', demographic: { birthDate: null } },
      updatedAt: 't',
    });
    expect(erasedData('TicketOpened', { subject: 'Mari cannot log in' }, ['subject'])).toEqual({
      subject: ERASED,
    });
  });

  it('splits personal fields off and joins them back, or as erased', () => {
    const { rest, personal } = splitPersonal('CustomerProfileUpdated', profile);
    expect(rest).toEqual({
      customerId: 'c1',
      changes: {},
      updatedAt: 't',
    });
    expect(personal).toEqual([
      { path: 'changes.name', value: 'Mari' },
      { path: 'changes.demographic', value: { birthDate: null } },
      { path: 'changes.website', value: 'https://x.ee' },
    ]);
    expect(joinPersonal('CustomerProfileUpdated', rest, personal!)).toEqual(profile);
    const contact = splitPersonal('ContactPersonAdded', { contactId: 'k1', name: 'Jaan' });
    expect(joinPersonal('ContactPersonAdded', contact.rest, null)).toEqual({
      contactId: 'k1',
      name: ERASED,
    });
    expect(splitPersonal('DealWon', { dealId: 'd1' })).toEqual({
      rest: { dealId: 'd1' },
      personal: undefined,
    });
  });
});
