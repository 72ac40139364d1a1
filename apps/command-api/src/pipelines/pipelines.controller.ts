import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { uuidParam } from '#platform';
import { type CommandMeta } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import {
  addStage,
  archivePipeline,
  changeStageSettings,
  definePipeline,
  PipelineCommandMessage,
  type PipelineRequest,
  removeStage,
  renamePipeline,
  renameStage,
  reorderStages,
  restorePipeline,
} from './pipeline-actions';
import { RetireDto } from '../command-handling/dto';
import {
  AddStageDto,
  DefinePipelineDto,
  RemoveStageDto,
  RenamePipelineDto,
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
  async define(@Body() body: DefinePipelineDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new PipelineCommandMessage(definePipeline(body, meta), meta)),
      true,
    );
  }

  @ApiOperation({
    summary: 'Archive a pipeline no longer used',
    description:
      'ArchivePipeline: refused (409 `pipeline-not-empty`) while open deals are in it. Archived, no deal is opened, moved or reopened in it and it is not changed (409 `pipeline-archived`); its board and closed deals stay readable. Archiving it again records nothing.',
  })
  @Post(':id/archive')
  @HttpCode(200)
  async archive(
    @Param('id', uuidParam()) id: string,
    @Body() body: RetireDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(archivePipeline(id, body, meta), meta);
  }

  @ApiOperation({
    summary: 'Restore an archived pipeline',
    description: 'RestorePipeline: in use again. A pipeline in use records nothing.',
  })
  @Post(':id/restore')
  @HttpCode(200)
  async restore(
    @Param('id', uuidParam()) id: string,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(restorePipeline(id, meta), meta);
  }

  @ApiOperation({ summary: 'Rename a pipeline', description: 'The same name records nothing.' })
  @Post(':id/rename')
  @HttpCode(200)
  async rename(
    @Param('id', uuidParam()) id: string,
    @Body() body: RenamePipelineDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(renamePipeline(id, body, meta), meta);
  }

  @ApiOperation({ summary: 'Add a stage to a pipeline' })
  @Post(':id/stages')
  @HttpCode(201)
  async addStage(
    @Param('id', uuidParam()) id: string,
    @Body() body: AddStageDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(addStage(id, body, meta), meta, true);
  }

  @ApiOperation({ summary: 'Rename a stage' })
  @Post(':id/stages/:stageId/rename')
  @HttpCode(200)
  async renameStage(
    @Param('id', uuidParam()) id: string,
    @Param('stageId', uuidParam()) stageId: string,
    @Body() body: RenameStageDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(renameStage(id, stageId, body, meta), meta);
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
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(changeStageSettings(id, stageId, body, meta), meta);
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
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(removeStage(id, stageId, body, meta), meta);
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
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(reorderStages(id, body, meta), meta);
  }

  private async act(command: PipelineRequest, meta: CommandMeta, created = false) {
    return answer(await this.commands.execute(new PipelineCommandMessage(command, meta)), created);
  }
}
