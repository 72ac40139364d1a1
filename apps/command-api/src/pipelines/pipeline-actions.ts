import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ArchivePipeline,
  notFound,
  type PipelineCommand,
  pipelineDecider,
  type RemoveStage,
} from '#domain';
import { projections } from '#read-models';
import { type CommandResult } from '../command-handling/command-result';
import {
  type AddStageDto,
  type DefinePipelineDto,
  type RemoveStageDto,
  type RenamePipelineDto,
  type RenameStageDto,
  type ReorderStagesDto,
  type StageSettingsDto,
} from './pipelines.dto';
import { type RetireDto } from '../command-handling/dto';
import { AggregateRepository, type CommandMeta, CommandReads, newId } from '#commands';

/**
 * A pipeline command as the domain takes it, less the open deals a stage removal is decided
 * on: the handler counts them before deciding.
 */
export type PipelineRequest =
  | Exclude<PipelineCommand, RemoveStage | ArchivePipeline>
  | Omit<RemoveStage, 'openDeals'>
  | Omit<ArchivePipeline, 'openDeals'>;

export class PipelineCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: PipelineRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(PipelineCommandMessage)
export class PipelineHandler implements ICommandHandler<PipelineCommandMessage> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: CommandReads,
  ) {}

  async execute({ command: request, meta }: PipelineCommandMessage): Promise<CommandResult> {
    const { pipelineId } = request;
    const command: PipelineCommand =
      request.type === 'RemoveStage'
        ? { ...request, openDeals: await this.openDeals(pipelineId, request.stageId) }
        : request.type === 'ArchivePipeline'
          ? { ...request, openDeals: await this.openDeals(pipelineId) }
          : request;
    const r = await this.repository.execute(`pipeline-${pipelineId}`, pipelineDecider, meta, (s) =>
      pipelineDecider.decide(command, s),
    );
    if (command.type === 'DefinePipeline') {
      const defined = r.state.status === 'defined' ? r.state.stages : command.stages;
      return {
        id: pipelineId,
        revision: r.revision,
        position: r.position,
        stageIds: defined.map((s) => s.stageId),
      };
    }
    return {
      id: pipelineId,
      revision: r.revision,
      position: r.position,
      ...(command.type === 'AddStage' ? { stageId: command.stage.stageId } : {}),
    };
  }

  /**
   * Open deals in the stage (or the whole pipeline), from the deal cards once they include
   * every event stored so far. A deal moved into it between this count and the removal is the
   * one race left: a stage move reads the pipeline before appending to the deal (ADR 0009).
   */
  private async openDeals(pipelineId: string, stageId?: string): Promise<number> {
    const pipeline = await this.repository.load(`pipeline-${pipelineId}`, pipelineDecider);
    if (pipeline.state.status === 'none') throw notFound('pipeline', pipelineId);
    await this.reads.caughtUp(projections.board, await this.repository.headPosition());
    return this.reads.openDealsIn(pipelineId, stageId);
  }
}

/** The requests as the domain's commands: the one shape handled. */
const on = (pipelineId: string, meta: CommandMeta) => ({ pipelineId, now: meta.now });

export const definePipeline = (body: DefinePipelineDto, meta: CommandMeta): PipelineRequest => {
  const pipelineId = newId(meta, 'pipeline', body.pipelineId);
  return {
    type: 'DefinePipeline',
    ...on(pipelineId, meta),
    name: body.name,
    stages: body.stages.map((s, i) => ({
      stageId: newId(meta, `${pipelineId}/stage/${i}`, s.stageId),
      name: s.name,
      ...(s.rottingDays !== undefined ? { rottingDays: s.rottingDays } : {}),
      ...(s.probability !== undefined ? { probability: s.probability } : {}),
    })),
  };
};

export const addStage = (
  pipelineId: string,
  body: AddStageDto,
  meta: CommandMeta,
): PipelineRequest => {
  const { stageId, index, name, rottingDays, probability } = body;
  return {
    type: 'AddStage',
    ...on(pipelineId, meta),
    stage: {
      stageId: newId(meta, `${pipelineId}/stage`, stageId),
      name,
      ...(rottingDays !== undefined ? { rottingDays } : {}),
      ...(probability !== undefined ? { probability } : {}),
    },
    ...(index !== undefined ? { index } : {}),
  };
};

export const renamePipeline = (
  pipelineId: string,
  body: RenamePipelineDto,
  meta: CommandMeta,
): PipelineRequest => ({ type: 'RenamePipeline', ...on(pipelineId, meta), name: body.name });

export const archivePipeline = (
  pipelineId: string,
  body: RetireDto,
  meta: CommandMeta,
): PipelineRequest => ({
  type: 'ArchivePipeline',
  ...on(pipelineId, meta),
  ...(body.reason ? { reason: body.reason } : {}),
});

export const restorePipeline = (pipelineId: string, meta: CommandMeta): PipelineRequest => ({
  type: 'RestorePipeline',
  ...on(pipelineId, meta),
});

export const renameStage = (
  pipelineId: string,
  stageId: string,
  body: RenameStageDto,
  meta: CommandMeta,
): PipelineRequest => ({ type: 'RenameStage', ...on(pipelineId, meta), stageId, name: body.name });

export const changeStageSettings = (
  pipelineId: string,
  stageId: string,
  body: StageSettingsDto,
  meta: CommandMeta,
): PipelineRequest => ({
  type: 'ChangeStageSettings',
  ...on(pipelineId, meta),
  stageId,
  ...(body.probability !== undefined ? { probability: body.probability } : {}),
  ...(body.rottingDays !== undefined ? { rottingDays: body.rottingDays } : {}),
});

export const reorderStages = (
  pipelineId: string,
  body: ReorderStagesDto,
  meta: CommandMeta,
): PipelineRequest => ({
  type: 'ReorderStages',
  ...on(pipelineId, meta),
  stageIds: [...body.stageIds],
});

export const removeStage = (
  pipelineId: string,
  stageId: string,
  body: RemoveStageDto,
  meta: CommandMeta,
): PipelineRequest => ({
  type: 'RemoveStage',
  ...on(pipelineId, meta),
  stageId,
  ...(body.reason ? { reason: body.reason } : {}),
});
