import { customerDecider, type KnownCustomer, notFound, violated } from '#domain';
import { type AggregateRepository } from '../command-handling/aggregate-repository';

/** A customer new deals, invoices, activities and tickets may be recorded for: not archived. */
export const requireActiveCustomer = async (
  repository: AggregateRepository,
  customerId: string,
): Promise<KnownCustomer> => {
  const { state } = await repository.load(`customer-${customerId}`, customerDecider);
  if (state.status === 'none') throw notFound('customer', customerId);
  if (state.status === 'archived')
    throw violated('customer-archived', 'An archived customer must be restored first');
  return state;
};
