import { recipientsFor } from './recipients';

type Customer = Parameters<typeof recipientsFor>[1];
const profile = (emails: string[]) => ({ emails }) as unknown as Customer['profile'];
const contact = (email?: string) =>
  ({ ...(email ? { email } : {}) }) as unknown as Customer['contacts'][string];

describe('Recipients of a message to a customer', () => {
  it('given addresses asked for, when sending, then those and only those', () => {
    const customer = { profile: profile(['info@firma.ee']), contacts: {} };
    expect(recipientsFor(['mari@firma.ee'], customer)).toEqual(['mari@firma.ee']);
  });
  it("given none asked for, when sending, then the customer's first own address", () => {
    const customer = { profile: profile(['info@firma.ee', 'arved@firma.ee']), contacts: {} };
    expect(recipientsFor(undefined, customer)).toEqual(['info@firma.ee']);
  });
  it('given a customer without an address, then the first contact person who has one', () => {
    const customer = {
      profile: profile([]),
      contacts: { a: contact(), b: contact('jaan@firma.ee'), c: contact('eva@firma.ee') },
    };
    expect(recipientsFor(undefined, customer)).toEqual(['jaan@firma.ee']);
  });
  it('given nobody with an address, then none (the outbox refuses such a message)', () => {
    expect(recipientsFor(undefined, { profile: profile([]), contacts: { a: contact() } })).toEqual(
      [],
    );
  });
});
