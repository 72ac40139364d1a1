import { contactFromLead } from './lead-conversion';

const lead = {
  personName: 'Mari Maasikas',
  companyName: 'Maasikas OÜ',
  email: 'mari@maasikas.ee',
  phone: '+372 5551 2345',
};

describe('the contact a converted lead brings', () => {
  it('given a lead that becomes a company, then its person is the contact, with e-mail and phone', () => {
    expect(contactFromLead(lead, 'company', 'k1')).toEqual({
      contactId: 'k1',
      name: 'Mari Maasikas',
      email: 'mari@maasikas.ee',
      phone: '+372 5551 2345',
    });
  });
  it('given a lead that becomes a person, then no contact: the customer is the person', () => {
    expect(contactFromLead(lead, 'person', 'k1')).toBeUndefined();
  });
  it('given a lead without e-mail or phone, then the contact has its name only', () => {
    expect(
      contactFromLead({ personName: 'Jaan', companyName: 'Tamm AS' }, 'company', 'k2'),
    ).toEqual({ contactId: 'k2', name: 'Jaan' });
  });
});
