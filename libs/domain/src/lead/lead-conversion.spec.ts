import { contactFromLead, contactJoining } from './lead-conversion';

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

describe('the contact a lead brings to a customer it joins', () => {
  const company = (
    contacts: Record<string, { contactId: string; name: string; email?: string }>,
  ) => ({
    kind: 'company' as const,
    contacts,
  });
  it('given a company without the person, then the person becomes its contact', () => {
    expect(contactJoining(lead, company({}), 'k1')).toMatchObject({ name: 'Mari Maasikas' });
  });
  it('given a company with a contact of that e-mail, case ignored, then none is added', () => {
    const known = company({
      k0: { contactId: 'k0', name: 'M. Maasikas', email: 'MARI@maasikas.ee' },
    });
    expect(contactJoining(lead, known, 'k1')).toBeUndefined();
  });
  it('given a lead without e-mail, then a contact of the same name is the person', () => {
    const known = company({ k0: { contactId: 'k0', name: 'Jaan' } });
    expect(
      contactJoining({ personName: 'Jaan', companyName: 'Tamm AS' }, known, 'k1'),
    ).toBeUndefined();
    expect(contactJoining({ personName: 'Juhan', companyName: 'Tamm AS' }, known, 'k1')).toEqual({
      contactId: 'k1',
      name: 'Juhan',
    });
  });
  it('given a person customer, then no contact', () => {
    expect(contactJoining(lead, { kind: 'person', contacts: {} }, 'k1')).toBeUndefined();
  });
});
