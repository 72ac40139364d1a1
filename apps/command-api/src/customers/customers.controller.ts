import { Body, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { metaOf } from '../command-handling/request-meta';
import { uuidParam } from '#platform';
import { OwnerDto, ReassignCommand } from '../staff/reassign.command';
import { RegisterCustomerCommand } from './customers.commands';
import { RegisterCustomerDto } from './customers.dto';

@CommandController('customers')
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

  /** AssignCustomerOwner: the previous owner stays in the event. */
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
}
