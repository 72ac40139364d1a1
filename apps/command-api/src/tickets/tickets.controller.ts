import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { uuidParam } from '#platform';
import { type CommandMeta, ReassignCommand } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import { AssigneeDto } from '../staff/reassign.dto';
import {
  closeTicket,
  openTicket,
  reclassifyTicket,
  reopenTicket,
  resolveTicket,
  respondToTicket,
  TicketCommandMessage,
} from './tickets.commands';
import {
  CloseTicketDto,
  OpenTicketDto,
  ReclassifyTicketDto,
  ReopenTicketDto,
  RespondToTicketDto,
  ResolveTicketDto,
} from './tickets.dto';

@CommandController('tickets')
export class TicketsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Open a customer-service ticket (its SLA starts)' })
  @Post()
  @HttpCode(201)
  async open(@Body() body: OpenTicketDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const command = new TicketCommandMessage(openTicket(body, meta), meta);
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({ summary: 'Assign a ticket' })
  @Post(':id/assign')
  @HttpCode(200)
  async assign(
    @Param('id', uuidParam()) ticketId: string,
    @Body() body: AssigneeDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ReassignCommand('ticket', ticketId, body.assigneeId, body.reason, meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: "Change a ticket's priority or classification",
    description:
      'Reclassify: priority and class, with the reason; the SLA deadlines follow the priority.',
  })
  @Post(':id/reclassify')
  @HttpCode(200)
  async reclassify(
    @Param('id', uuidParam()) ticketId: string,
    @Body() body: ReclassifyTicketDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new TicketCommandMessage(reclassifyTicket(ticketId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: 'Record a response to the customer',
    description: 'RespondToTicket: the first response is what the first-response target measures.',
  })
  @Post(':id/respond')
  @HttpCode(200)
  async respond(
    @Param('id', uuidParam()) ticketId: string,
    @Body() body: RespondToTicketDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new TicketCommandMessage(respondToTicket(ticketId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({ summary: 'Reopen a resolved ticket' })
  @Post(':id/reopen')
  @HttpCode(200)
  async reopen(
    @Param('id', uuidParam()) ticketId: string,
    @Body() body: ReopenTicketDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new TicketCommandMessage(reopenTicket(ticketId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({ summary: 'Resolve a ticket' })
  @Post(':id/resolve')
  @HttpCode(200)
  async resolve(
    @Param('id', uuidParam()) ticketId: string,
    @Body() body: ResolveTicketDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new TicketCommandMessage(resolveTicket(ticketId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({ summary: 'Close a ticket' })
  @Post(':id/close')
  @HttpCode(200)
  async close(
    @Param('id', uuidParam()) ticketId: string,
    @Body() body: CloseTicketDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new TicketCommandMessage(closeTicket(ticketId, body.note, meta), meta);
    return answer(await this.commands.execute(command), false);
  }
}
