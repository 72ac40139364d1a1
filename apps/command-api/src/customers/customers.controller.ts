import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { uuidParam } from '#platform';
import { type CommandMeta, ReassignCommand } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import { OwnerDto } from '../staff/reassign.dto';
import { CustomerActionCommand, type CustomerRequest } from './customer-actions';
import {
  addContactPerson,
  archive,
  categorize,
  erase,
  importRegistryData,
  recordConsent,
  removeContactPerson,
  restore,
  tag,
  updateContactPerson,
  updateProfile,
  withdrawConsent,
} from './customer-requests';
import {
  AddContactPersonDto,
  ArchiveCustomerDto,
  CategorizeCustomerDto,
  EraseCustomerDto,
  ImportRegistryDataDto,
  RecordConsentDto,
  RemoveContactPersonDto,
  RestoreCustomerDto,
  TagCustomerDto,
  UpdateContactPersonDto,
  UpdateCustomerProfileDto,
  WithdrawConsentDto,
} from './customer-profile.dto';
import { RegisterCustomerCommand } from './customers.commands';
import { RegisterCustomerDto } from './customers.dto';

@CommandController('customers')
export class CustomersController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Register a customer (RegisterCustomer)' })
  @Post()
  @HttpCode(201)
  async register(
    @Body() body: RegisterCustomerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return answer(await this.commands.execute(new RegisterCustomerCommand(body, meta)), true);
  }

  @ApiOperation({
    summary: 'Hand a customer over to another owner',
    description: 'AssignCustomerOwner: the previous owner stays in the event.',
  })
  @Post(':id/owner')
  @HttpCode(200)
  async assignOwner(
    @Param('id', uuidParam()) customerId: string,
    @Body() body: OwnerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ReassignCommand('customer', customerId, body.ownerId, body.reason, meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: "Update a customer's profile (only the fields sent; null clears)",
    description: 'UpdateCustomerProfile: only the fields sent change; lists replace; null clears.',
  })
  @Post(':id/profile')
  @HttpCode(200)
  async updateProfile(
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateCustomerProfileDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(updateProfile(id, body, meta), meta);
  }

  @ApiOperation({ summary: 'Add a contact person' })
  @Post(':id/contacts')
  @HttpCode(201)
  async addContact(
    @Param('id', uuidParam()) id: string,
    @Body() body: AddContactPersonDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(addContactPerson(id, body, meta), meta, true);
  }

  @ApiOperation({ summary: 'Update a contact person' })
  @Post(':id/contacts/:contactId')
  @HttpCode(200)
  async updateContact(
    @Param('id', uuidParam()) id: string,
    @Param('contactId', uuidParam()) contactId: string,
    @Body() body: UpdateContactPersonDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(updateContactPerson(id, contactId, body, meta), meta);
  }

  @ApiOperation({ summary: 'Remove a contact person' })
  @Post(':id/contacts/:contactId/remove')
  @HttpCode(200)
  async removeContact(
    @Param('id', uuidParam()) id: string,
    @Param('contactId', uuidParam()) contactId: string,
    @Body() body: RemoveContactPersonDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(removeContactPerson(id, contactId, body, meta), meta);
  }

  @ApiOperation({
    summary: "Set a customer's category (potential … TOP), with the reason",
    description:
      'CategorizeCustomer: potential, prospective, small, medium, large or top, with the reason.',
  })
  @Post(':id/category')
  @HttpCode(200)
  async categorize(
    @Param('id', uuidParam()) id: string,
    @Body() body: CategorizeCustomerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(categorize(id, body, meta), meta);
  }

  @ApiOperation({ summary: "Add and remove a customer's tags" })
  @Post(':id/tags')
  @HttpCode(200)
  async tag(
    @Param('id', uuidParam()) id: string,
    @Body() body: TagCustomerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(tag(id, body, meta), meta);
  }

  @ApiOperation({
    summary: 'Record a consent to be contacted on a channel',
    description: 'RecordMarketingConsent for one channel, with its source and time.',
  })
  @Post(':id/consents')
  @HttpCode(200)
  async recordConsent(
    @Param('id', uuidParam()) id: string,
    @Body() body: RecordConsentDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(recordConsent(id, body, meta), meta);
  }

  @ApiOperation({ summary: 'Withdraw a consent' })
  @Post(':id/consents/withdraw')
  @HttpCode(200)
  async withdrawConsent(
    @Param('id', uuidParam()) id: string,
    @Body() body: WithdrawConsentDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(withdrawConsent(id, body, meta), meta);
  }

  @ApiOperation({
    summary: 'Record business registry facts given by the caller',
    description: 'ImportRegistryData: company facts from a business registry, stored as received.',
  })
  @Post(':id/registry-data')
  @HttpCode(200)
  async importRegistryData(
    @Param('id', uuidParam()) id: string,
    @Body() body: ImportRegistryDataDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return answer(
      await this.commands.execute(
        new CustomerActionCommand(importRegistryData(id, body, meta), meta, body.allowDuplicate),
      ),
      false,
    );
  }

  @ApiOperation({ summary: 'Archive a customer' })
  @Post(':id/archive')
  @HttpCode(200)
  async archive(
    @Param('id', uuidParam()) id: string,
    @Body() body: ArchiveCustomerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(archive(id, body, meta), meta);
  }

  @ApiOperation({ summary: 'Restore an archived customer' })
  @Post(':id/restore')
  @HttpCode(200)
  async restore(
    @Param('id', uuidParam()) id: string,
    @Body() body: RestoreCustomerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(restore(id, body, meta), meta);
  }

  @ApiOperation({
    summary: "Erase a customer's personal data (the history stays, sealed)",
    description:
      "EraseCustomerPersonalData (admins): destroys the keys that sealed the customer's personal data (and those of the leads it came from) and records CustomerPersonalDataErased. Every earlier event then reads with those fields erased; amounts, dates and stages stay.",
  })
  @Post(':id/erase')
  @HttpCode(200)
  async erase(
    @Param('id', uuidParam()) id: string,
    @Body() body: EraseCustomerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(erase(id, body, meta), meta);
  }

  private async act(command: CustomerRequest, meta: CommandMeta, created = false) {
    return answer(await this.commands.execute(new CustomerActionCommand(command, meta)), created);
  }
}
