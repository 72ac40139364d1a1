import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type CommandMeta, ReassignCommand } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { uuidParam } from '#platform';
import { Meta } from '../command-handling/request-meta';
import { OwnerDto } from '../staff/reassign.dto';
import { IntakeLeadCommand } from './lead-intake';
import {
  changeLeadDetails,
  convertLead,
  ConvertLeadCommand,
  createLead,
  disqualifyLead,
  eraseLead,
  LeadCommandMessage,
  qualifyLead,
} from './leads.commands';
import {
  ChangeLeadDetailsDto,
  ConvertLeadDto,
  CreateLeadDto,
  DisqualifyLeadDto,
  EraseLeadDto,
  QualifyLeadDto,
} from './leads.dto';

@CommandController('leads')
export class LeadsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Create a lead (CreateLead)',
    description:
      "Without `ownerId`, the routing rule for the lead's source chooses the owner (a member, or a team member in turn) and LeadRouted records it; without a rule, the creator owns it.",
  })
  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateLeadDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new IntakeLeadCommand(createLead(body, meta), meta)),
      true,
    );
  }

  @ApiOperation({
    summary: "Correct a lead's details (ChangeLeadDetails)",
    description:
      "The person's name, company, e-mail and phone: a given one replaces, `null` removes (not the name), a left-out one stays; nothing changed records nothing. Refused for a converted lead (its customer holds them) and an erased one.",
  })
  @Post(':id/details')
  @HttpCode(200)
  async changeDetails(
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeLeadDetailsDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new LeadCommandMessage(changeLeadDetails(id, body, meta), meta)),
      false,
    );
  }

  @ApiOperation({ summary: 'Qualify a lead' })
  @Post(':id/qualify')
  @HttpCode(200)
  async qualify(
    @Param('id', uuidParam()) id: string,
    @Body() body: QualifyLeadDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new LeadCommandMessage(qualifyLead(id, body, meta), meta)),
      false,
    );
  }

  @ApiOperation({ summary: 'Disqualify a lead, with the reason' })
  @Post(':id/disqualify')
  @HttpCode(200)
  async disqualify(
    @Param('id', uuidParam()) id: string,
    @Body() body: DisqualifyLeadDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new LeadCommandMessage(disqualifyLead(id, body, meta), meta)),
      false,
    );
  }

  @ApiOperation({
    summary: "Erase a lead's personal data",
    description: 'EraseLeadPersonalData (admins): a lead that never became a customer, forgotten.',
  })
  @Post(':id/erase')
  @HttpCode(200)
  async erase(
    @Param('id', uuidParam()) id: string,
    @Body() body: EraseLeadDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new LeadCommandMessage(eraseLead(id, body, meta), meta)),
      false,
    );
  }

  @ApiOperation({
    summary: 'Convert a lead into a customer and a deal (ConvertLead)',
    description:
      "Registers a customer from the lead's details as corrected (a company when it names one; its person becomes the contact) and opens a deal for it in the pipeline, both owned by the lead's owner (the converting member when the owner has left). `customerId` and `dealId` name the new ones. With `existingCustomerId` the lead joins a customer the company has already (LeadJoined on it: the lead's history is on its timeline, and its personal data is erased with the customer's); its person becomes a contact unless the customer has a contact with that e-mail (or, without one, that name). An id already taken is 409 `customer-exists` or `deal-exists`, an existing customer unknown 404 or archived 409 `customer-archived`, a stage of another pipeline 409 `stage-not-in-pipeline`, and then nothing is recorded. A converted or disqualified lead is 409 `lead-closed`.",
  })
  @Post(':id/convert')
  @HttpCode(200)
  async convert(
    @Param('id', uuidParam()) id: string,
    @Body() body: ConvertLeadDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new ConvertLeadCommand(convertLead(id, body, meta), meta)),
      false,
    );
  }

  @ApiOperation({ summary: 'Hand a lead over to another owner' })
  @Post(':id/owner')
  @HttpCode(200)
  async assignOwner(
    @Param('id', uuidParam()) leadId: string,
    @Body() body: OwnerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ReassignCommand('lead', leadId, body.ownerId, body.reason, meta);
    return answer(await this.commands.execute(command), false);
  }
}
