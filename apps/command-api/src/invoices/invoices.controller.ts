import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { answer, type CommandResult } from '../command-handling/command-result';
import { metaOf } from '../command-handling/request-meta';
import { IssueInvoiceCommand } from './invoices.commands';
import { IssueInvoiceDto } from './invoices.dto';

@ApiTags('invoices')
@ApiHeader({ name: 'X-Actor-Id', required: true })
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('invoices')
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
