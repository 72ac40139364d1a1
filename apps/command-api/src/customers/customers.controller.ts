import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { answer, type CommandResult } from '../command-handling/command-result';
import { metaOf } from '../command-handling/request-meta';
import { RegisterCustomerCommand } from './customers.commands';
import { RegisterCustomerDto } from './customers.dto';

@ApiTags('customers')
@ApiHeader({ name: 'X-Actor-Id', required: true })
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('customers')
export class CustomersController {
  constructor(private readonly commands: CommandBus) {}

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
}
