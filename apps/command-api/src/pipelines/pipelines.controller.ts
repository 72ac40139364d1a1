import { Body, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { metaOf } from '../command-handling/request-meta';
import { DefinePipelineCommand } from './pipelines.commands';
import { DefinePipelineDto } from './pipelines.dto';

@CommandController('pipelines')
export class PipelinesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  async define(
    @Body() body: DefinePipelineDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return answer(
      reply,
      await this.commands.execute(new DefinePipelineCommand(body, metaOf(req))),
      true,
    );
  }
}
