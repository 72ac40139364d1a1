import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { linkToken, readConfig, uuidParam, webhookKey } from '#platform';
import { type CommandMeta, newId, ReassignCommand } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import { AssigneeDto } from '../staff/reassign.dto';
import {
  changeTicketDetails,
  closeTicket,
  openTicket,
  reclassifyTicket,
  reopenTicket,
  resolveTicket,
  respondToTicket,
  TicketCommandMessage,
} from './tickets.commands';
import {
  ChangeTicketDetailsDto,
  CloseTicketDto,
  OpenTicketDto,
  ReclassifyTicketDto,
  ReopenTicketDto,
  RespondToTicketDto,
  ResolveTicketDto,
  ShareTicketDto,
} from './tickets.dto';

const DAY = 86_400_000;

@CommandController('tickets')
export class TicketsController {
  private readonly key: Buffer;
  private readonly publicUrl: string;

  constructor(private readonly commands: CommandBus) {
    const config = readConfig();
    this.key = webhookKey(config);
    this.publicUrl = config.campaigns.publicUrl;
  }

  @ApiOperation({
    summary: "Share a ticket's status page with its customer (a signed link)",
    description:
      "ShareTicket: answers `url`, a page without login showing the request's status, the target date of its resolution and the replies, good for `expiresInDays` (30); a new link replaces the one before. Each opening is recorded.",
  })
  @Post(':id/share')
  @HttpCode(201)
  async share(
    @Param('id', uuidParam()) ticketId: string,
    @Body() body: ShareTicketDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const shareId = newId(meta, 'ticket-share');
    const expiresAt = new Date(
      Date.parse(meta.now) + (body.expiresInDays ?? 30) * DAY,
    ).toISOString();
    const command = new TicketCommandMessage(
      { type: 'ShareTicket', ticketId, shareId, expiresAt, now: meta.now },
      meta,
    );
    const result = await this.commands.execute(command);
    const token = linkToken(this.key, 'ticket-share', [ticketId, shareId]);
    return answer(
      { ...result, shareId, expiresAt, url: `${this.publicUrl}/ticket-status/${token}` },
      true,
    );
  }

  @ApiOperation({
    summary: "Revoke the link to a ticket's status page",
    description: 'RevokeTicketShare: the shared link stops working at once.',
  })
  @Post(':id/share/revoke')
  @HttpCode(200)
  async revokeShare(
    @Param('id', uuidParam()) ticketId: string,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new TicketCommandMessage(
      { type: 'RevokeTicketShare', ticketId, now: meta.now },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }

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
    summary: "Correct a ticket's subject or description (ChangeTicketDetails)",
    description:
      'A given one replaces, `null` removes the description, a left-out one stays; nothing changed records nothing. The status page shows the corrected subject. Refused once the ticket is closed.',
  })
  @Post(':id/details')
  @HttpCode(200)
  async changeDetails(
    @Param('id', uuidParam()) ticketId: string,
    @Body() body: ChangeTicketDetailsDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new TicketCommandMessage(changeTicketDetails(ticketId, body, meta), meta);
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
