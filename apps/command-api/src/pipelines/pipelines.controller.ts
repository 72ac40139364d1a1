import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { uuidParam } from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { metaOf } from '../command-handling/request-meta';
import { type PipelineAction, PipelineActionCommand } from './pipeline-actions';
import { DefinePipelineCommand } from './pipelines.commands';
import {
  AddStageDto,
  DefinePipelineDto,
  RemoveStageDto,
  RenameStageDto,
  ReorderStagesDto,
  StageSettingsDto,
} from './pipelines.dto';

@CommandController('pipelines')
export class PipelinesController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Define a sales pipeline with its stages' })
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

  @ApiOperation({ summary: 'Add a stage to a pipeline' })
  @Post(':id/stages')
  @HttpCode(201)
  async addStage(
    @Param('id', uuidParam()) id: string,
    @Body() body: AddStageDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'AddStage', body }, req, reply, true);
  }

  @ApiOperation({ summary: 'Rename a stage' })
  @Post(':id/stages/:stageId/rename')
  @HttpCode(200)
  async renameStage(
    @Param('id', uuidParam()) id: string,
    @Param('stageId', uuidParam()) stageId: string,
    @Body() body: RenameStageDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'RenameStage', stageId, body }, req, reply);
  }

  @ApiOperation({
    summary: "Change a stage's probability and rotting days",
    description: 'Win probability and rotting days of one stage.',
  })
  @Post(':id/stages/:stageId/settings')
  @HttpCode(200)
  async stageSettings(
    @Param('id', uuidParam()) id: string,
    @Param('stageId', uuidParam()) stageId: string,
    @Body() body: StageSettingsDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'ChangeStageSettings', stageId, body }, req, reply);
  }

  @ApiOperation({
    summary: 'Remove a stage with no open deals',
    description: 'RemoveStage: refused (409) while open deals are in the stage.',
  })
  @Post(':id/stages/:stageId/remove')
  @HttpCode(200)
  async removeStage(
    @Param('id', uuidParam()) id: string,
    @Param('stageId', uuidParam()) stageId: string,
    @Body() body: RemoveStageDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'RemoveStage', stageId, body }, req, reply);
  }

  @ApiOperation({
    summary: "Reorder a pipeline's stages",
    description: 'ReorderStages: every stage id of the pipeline, in the new order.',
  })
  @Post(':id/reorder-stages')
  @HttpCode(200)
  async reorder(
    @Param('id', uuidParam()) id: string,
    @Body() body: ReorderStagesDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'ReorderStages', body }, req, reply);
  }

  private async act(
    id: string,
    action: PipelineAction,
    req: FastifyRequest,
    reply: FastifyReply,
    created = false,
  ) {
    const command = new PipelineActionCommand(id, action, metaOf(req));
    return answer(reply, await this.commands.execute(command), created);
  }
}
