import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { uuidParam } from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { metaOf } from '../command-handling/request-meta';
import { OwnerDto, ReassignCommand } from '../staff/reassign.command';
import { type CustomerAction, CustomerActionCommand } from './customer-actions';
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

type Http = [req: FastifyRequest, reply: FastifyReply];

@CommandController('customers')
export class CustomersController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Register a customer (RegisterCustomer)' })
  @Post()
  @HttpCode(201)
  async register(
    @Body() body: RegisterCustomerDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return answer(
      reply,
      await this.commands.execute(new RegisterCustomerCommand(body, metaOf(req))),
      true,
    );
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
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    const command = new ReassignCommand(
      'customer',
      customerId,
      body.ownerId,
      body.reason,
      metaOf(req),
    );
    return answer(reply, await this.commands.execute(command), false);
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
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'UpdateCustomerProfile', body }, [req, reply]);
  }

  @ApiOperation({ summary: 'Add a contact person' })
  @Post(':id/contacts')
  @HttpCode(201)
  async addContact(
    @Param('id', uuidParam()) id: string,
    @Body() body: AddContactPersonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'AddContactPerson', body }, [req, reply], true);
  }

  @ApiOperation({ summary: 'Update a contact person' })
  @Post(':id/contacts/:contactId')
  @HttpCode(200)
  async updateContact(
    @Param('id', uuidParam()) id: string,
    @Param('contactId', uuidParam()) contactId: string,
    @Body() body: UpdateContactPersonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'UpdateContactPerson', contactId, body }, [req, reply]);
  }

  @ApiOperation({ summary: 'Remove a contact person' })
  @Post(':id/contacts/:contactId/remove')
  @HttpCode(200)
  async removeContact(
    @Param('id', uuidParam()) id: string,
    @Param('contactId', uuidParam()) contactId: string,
    @Body() body: RemoveContactPersonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'RemoveContactPerson', contactId, body }, [req, reply]);
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
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'CategorizeCustomer', body }, [req, reply]);
  }

  @ApiOperation({ summary: "Add and remove a customer's tags" })
  @Post(':id/tags')
  @HttpCode(200)
  async tag(
    @Param('id', uuidParam()) id: string,
    @Body() body: TagCustomerDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'TagCustomer', body }, [req, reply]);
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
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'RecordMarketingConsent', body }, [req, reply]);
  }

  @ApiOperation({ summary: 'Withdraw a consent' })
  @Post(':id/consents/withdraw')
  @HttpCode(200)
  async withdrawConsent(
    @Param('id', uuidParam()) id: string,
    @Body() body: WithdrawConsentDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'WithdrawMarketingConsent', body }, [req, reply]);
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
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'ImportRegistryData', body }, [req, reply]);
  }

  @ApiOperation({ summary: 'Archive a customer' })
  @Post(':id/archive')
  @HttpCode(200)
  async archive(
    @Param('id', uuidParam()) id: string,
    @Body() body: ArchiveCustomerDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'ArchiveCustomer', body }, [req, reply]);
  }

  @ApiOperation({ summary: 'Restore an archived customer' })
  @Post(':id/restore')
  @HttpCode(200)
  async restore(
    @Param('id', uuidParam()) id: string,
    @Body() body: RestoreCustomerDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'RestoreCustomer', body }, [req, reply]);
  }

  @ApiOperation({
    summary: "Erase a customer's personal data (the history stays, sealed)",
    description:
      "EraseCustomerPersonalData (admins): destroys the keys that sealed the customer's personal data (and its source lead's) and records CustomerPersonalDataErased. Every earlier event then reads with those fields erased; amounts, dates and stages stay.",
  })
  @Post(':id/erase')
  @HttpCode(200)
  async erase(
    @Param('id', uuidParam()) id: string,
    @Body() body: EraseCustomerDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'EraseCustomerPersonalData', body }, [req, reply]);
  }

  private async act(id: string, action: CustomerAction, [req, reply]: Http, created = false) {
    const command = new CustomerActionCommand(id, action, metaOf(req));
    return answer(reply, await this.commands.execute(command), created);
  }
}
