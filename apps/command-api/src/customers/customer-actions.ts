import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CustomerCommand, customerDecider } from '#domain';
import { type CommandResult } from '../command-handling/command-result';
import { PersonalDataErasure } from './personal-data-erasure';
import { AggregateRepository, type CommandMeta } from '#commands';

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
  ) {
    super();
  }
}

@CommandHandler(CustomerActionCommand)
export class CustomerActionHandler implements ICommandHandler<CustomerActionCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly erasure: PersonalDataErasure,
  ) {}

  async execute({ command, meta }: CustomerActionCommand): Promise<CommandResult> {
    const { customerId } = command;
    if (command.type === 'EraseCustomerPersonalData') await this.erasure.erase(customerId);
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
