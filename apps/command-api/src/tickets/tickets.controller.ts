import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { uuidParam } from '#platform';
import { type CommandMeta, ReassignCommand } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import { AssigneeDto } from '../staff/reassign.dto';
import { TicketCommandMessage } from './tickets.commands';
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
    const command = new TicketCommandMessage({ type: 'OpenTicket', body }, meta);
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
    const command = new TicketCommandMessage({ type: 'ReclassifyTicket', ticketId, body }, meta);
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
    const command = new TicketCommandMessage({ type: 'RespondToTicket', ticketId, body }, meta);
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
    const command = new TicketCommandMessage({ type: 'ReopenTicket', ticketId, body }, meta);
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
    const command = new TicketCommandMessage({ type: 'ResolveTicket', ticketId, body }, meta);
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
    const command = new TicketCommandMessage(
      { type: 'CloseTicket', ticketId, ...(body.note ? { note: body.note } : {}) },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }
}
