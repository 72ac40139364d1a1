import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CustomerCommand, customerDecider } from '#domain';
import { type CommandResult } from '../command-handling/command-result';
import { PersonalDataErasure } from './personal-data-erasure';
import {
  AggregateRepository,
  changesRegistryCode,
  type CommandMeta,
  CommandReads,
  refuseTakenRegistryCode,
} from '#commands';

/** The commands on an existing customer (registering and reassigning have their own). */
export type CustomerRequest = Exclude<
  CustomerCommand,
  { type: 'RegisterCustomer' } | { type: 'Reassign' }
>;

/** Every command on an existing customer, as the domain takes it. */
export class CustomerActionCommand extends Command<CommandResult> {
  constructor(
    readonly command: CustomerRequest,
    readonly meta: CommandMeta,
    /** ImportRegistryData: give the customer a code another customer has (a branch kept apart). */
    readonly allowDuplicate = false,
  ) {
    super();
  }
}

@CommandHandler(CustomerActionCommand)
export class CustomerActionHandler implements ICommandHandler<CustomerActionCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly erasure: PersonalDataErasure,
    private readonly reads: CommandReads,
  ) {}

  async execute({ command, meta, allowDuplicate }: CustomerActionCommand): Promise<CommandResult> {
    const { customerId } = command;
    if (command.type === 'EraseCustomerPersonalData') await this.erasure.erase(customerId);
    if (command.type === 'ImportRegistryData' && !allowDuplicate) {
      const { state } = await this.repository.load(`customer-${customerId}`, customerDecider);
      // The facts must be the customer's to take before another customer's code is asked for.
      customerDecider.decide(command, state);
      const code = command.facts.registryCode;
      if (state.status !== 'none' && changesRegistryCode(state.registryCode, code))
        await refuseTakenRegistryCode(this.repository, this.reads, customerId, code);
    }
    const r = await this.repository.execute(`customer-${customerId}`, customerDecider, meta, (s) =>
      customerDecider.decide(command, s),
    );
    return {
      id: customerId,
      revision: r.revision,
      position: r.position,
      ...(command.type === 'AddContactPerson' ? { contactId: command.contact.contactId } : {}),
    };
  }
}
