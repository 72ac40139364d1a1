import { Body, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { metaOf } from '../command-handling/request-meta';
import { IssueInvoiceCommand } from './invoices.commands';
import { IssueInvoiceDto } from './invoices.dto';

@CommandController('invoices')
export class InvoicesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  async issue(
    @Body() body: IssueInvoiceDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return answer(
      reply,
      await this.commands.execute(new IssueInvoiceCommand(body, metaOf(req))),
      true,
    );
  }
}
