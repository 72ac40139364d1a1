import { activeCustomer, customerDecider, type KnownCustomer } from '#domain';
import { type AggregateRepository } from './aggregate-repository';

/** A customer new deals, invoices, activities and tickets may be recorded for: not archived. */
export const requireActiveCustomer = async (
  repository: AggregateRepository,
  customerId: string,
): Promise<KnownCustomer> => {
  const { state } = await repository.load(`customer-${customerId}`, customerDecider);
  return activeCustomer(state, customerId);
};
