import { type KnownCustomer } from '../customer/customer.decider';

/**
 * Where a message to a customer goes when no address is given: the customer's first e-mail
 * address, else the first contact person's who has one; none when nobody has one (the outbox
 * then refuses the message).
 */
export const defaultRecipients = (customer: Pick<KnownCustomer, 'profile' | 'contacts'>) => {
  const own = customer.profile.emails[0];
  if (own) return [own];
  const contact = Object.values(customer.contacts).find((c) => c.email)?.email;
  return contact ? [contact] : [];
};

/** The recipients asked for, or the customer's own when none were. */
export const recipientsFor = (
  asked: string[] | undefined,
  customer: Pick<KnownCustomer, 'profile' | 'contacts'>,
): string[] => asked ?? defaultRecipients(customer);
