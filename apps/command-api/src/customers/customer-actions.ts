import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CustomerCommand, customerDecider } from '#domain';
import { type CommandResult } from '../command-handling/command-result';
import { plain } from '../command-handling/dto';
import {
  type AddContactPersonDto,
  type ArchiveCustomerDto,
  type CategorizeCustomerDto,
  type EraseCustomerDto,
  type ImportRegistryDataDto,
  type RecordConsentDto,
  type RemoveContactPersonDto,
  type RestoreCustomerDto,
  type TagCustomerDto,
  type UpdateContactPersonDto,
  type UpdateCustomerProfileDto,
  type WithdrawConsentDto,
} from './customer-profile.dto';
import { PersonalDataErasure } from './personal-data-erasure';
import { AggregateRepository, type CommandMeta, newId } from '#commands';

export type CustomerAction =
  | { type: 'UpdateCustomerProfile'; body: UpdateCustomerProfileDto }
  | { type: 'AddContactPerson'; body: AddContactPersonDto }
  | { type: 'UpdateContactPerson'; contactId: string; body: UpdateContactPersonDto }
  | { type: 'RemoveContactPerson'; contactId: string; body: RemoveContactPersonDto }
  | { type: 'CategorizeCustomer'; body: CategorizeCustomerDto }
  | { type: 'TagCustomer'; body: TagCustomerDto }
  | { type: 'RecordMarketingConsent'; body: RecordConsentDto }
  | { type: 'WithdrawMarketingConsent'; body: WithdrawConsentDto }
  | { type: 'ImportRegistryData'; body: ImportRegistryDataDto }
  | { type: 'ArchiveCustomer'; body: ArchiveCustomerDto }
  | { type: 'RestoreCustomer'; body: RestoreCustomerDto }
  | { type: 'EraseCustomerPersonalData'; body: EraseCustomerDto };

/** Every command on an existing customer. */
export class CustomerActionCommand extends Command<CommandResult> {
  constructor(
    readonly customerId: string,
    readonly action: CustomerAction,
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

  async execute({ customerId, action, meta }: CustomerActionCommand): Promise<CommandResult> {
    const command = this.command(customerId, action, meta);
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

  private command(customerId: string, action: CustomerAction, meta: CommandMeta): CustomerCommand {
    const on = { customerId, now: meta.now };
    switch (action.type) {
      case 'UpdateCustomerProfile':
        return { type: action.type, ...on, changes: plain(action.body) };
      case 'AddContactPerson': {
        const { contactId, ...contact } = plain(action.body);
        return {
          type: action.type,
          ...on,
          contact: { contactId: newId(meta, 'contact', contactId), ...contact },
        };
      }
      case 'UpdateContactPerson':
        return {
          type: action.type,
          ...on,
          contactId: action.contactId,
          changes: plain(action.body),
        };
      case 'RemoveContactPerson':
        return { type: action.type, ...on, contactId: action.contactId, ...plain(action.body) };
      case 'CategorizeCustomer':
        return { type: action.type, ...on, ...plain(action.body) };
      case 'TagCustomer': {
        // Nothing to add or remove changes nothing, like tags the customer already has.
        const { add = [], remove = [] } = plain(action.body);
        return { type: action.type, ...on, add, remove };
      }
      case 'RecordMarketingConsent': {
        const { givenAt, ...rest } = plain(action.body);
        return {
          type: action.type,
          ...on,
          ...rest,
          givenAt: givenAt ? new Date(givenAt).toISOString() : meta.now,
        };
      }
      case 'WithdrawMarketingConsent':
        return { type: action.type, ...on, ...plain(action.body) };
      case 'ImportRegistryData': {
        const { retrievedAt, ...facts } = plain(action.body);
        return {
          type: action.type,
          ...on,
          facts: {
            ...facts,
            ...(retrievedAt ? { retrievedAt: new Date(retrievedAt).toISOString() } : {}),
          },
        };
      }
      case 'ArchiveCustomer':
      case 'RestoreCustomer':
        return { type: action.type, ...on, ...plain(action.body) };
      case 'EraseCustomerPersonalData':
        return { type: action.type, ...on, reason: action.body.reason };
    }
  }
}
