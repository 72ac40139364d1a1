import { customerDecider } from '#domain';
import { problem } from '#platform';
import { type AggregateRepository } from './aggregate-repository';
import { type CommandReads } from './read-side';

const same = (a: string | null | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/**
 * A company's registry code names one customer: `registryCode` given to `customerId` (when it
 * registers, or when registry facts give it another code) is refused as `registry-code-taken`
 * when another customer has it, archived ones too, naming that customer. The candidates come
 * from the search index as it stands, not waited for — registering and importing must not
 * depend on the projector being up — and each is judged on its own stream.
 */
export const refuseTakenRegistryCode = async (
  repository: AggregateRepository,
  reads: CommandReads,
  customerId: string,
  registryCode: string,
): Promise<void> => {
  for (const candidate of await reads.customersWithRegistryCode(registryCode)) {
    // The customer itself: a retry of its registration, or facts it already had.
    if (candidate === customerId) continue;
    const { state } = await repository.load(`customer-${candidate}`, customerDecider);
    if (state.status !== 'none' && same(state.registryCode, registryCode))
      throw problem(
        409,
        'registry-code-taken',
        'Registry code taken',
        `Customer ${candidate} is registered with registry code ${registryCode}${state.status === 'archived' ? ' (archived: restore it)' : ''}; send allowDuplicate to give it to another`,
        { existingCustomerId: candidate },
      );
  }
};

/** Whether facts with `registryCode` give a customer whose code is `current` another one. */
export const changesRegistryCode = (current: string | null, registryCode: string) =>
  !same(current, registryCode);
