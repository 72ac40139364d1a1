import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { notFound, type PipelineCommand, pipelineDecider } from '#domain';
import { projections } from '#read-models';
import { type CommandResult } from '../command-handling/command-result';
import {
  type AddStageDto,
  type RemoveStageDto,
  type RenameStageDto,
  type ReorderStagesDto,
  type StageSettingsDto,
} from './pipelines.dto';
import { AggregateRepository, type CommandMeta, CommandReads, newId } from '#commands';

export type PipelineAction =
  | { type: 'AddStage'; body: AddStageDto }
  | { type: 'RenameStage'; stageId: string; body: RenameStageDto }
  | { type: 'ChangeStageSettings'; stageId: string; body: StageSettingsDto }
  | { type: 'ReorderStages'; body: ReorderStagesDto }
  | { type: 'RemoveStage'; stageId: string; body: RemoveStageDto };

/** Every command on an existing pipeline's stages. */
export class PipelineActionCommand extends Command<CommandResult> {
  constructor(
    readonly pipelineId: string,
    readonly action: PipelineAction,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(PipelineActionCommand)
export class PipelineActionHandler implements ICommandHandler<PipelineActionCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: CommandReads,
  ) {}

  async execute({ pipelineId, action, meta }: PipelineActionCommand): Promise<CommandResult> {
    const command = await this.command(pipelineId, action, meta);
    const r = await this.repository.execute(`pipeline-${pipelineId}`, pipelineDecider, meta, (s) =>
      pipelineDecider.decide(command, s),
    );
    return {
      id: pipelineId,
      revision: r.revision,
      position: r.position,
      ...(command.type === 'AddStage' ? { stageId: command.stage.stageId } : {}),
    };
  }

  private async command(
    pipelineId: string,
    action: PipelineAction,
    meta: CommandMeta,
  ): Promise<PipelineCommand> {
    const on = { pipelineId, now: meta.now };
    switch (action.type) {
      case 'AddStage': {
        const { stageId, index, name, rottingDays, probability } = action.body;
        return {
          type: 'AddStage',
          ...on,
          stage: {
            stageId: newId(meta, `${pipelineId}/stage`, stageId),
            name,
            ...(rottingDays !== undefined ? { rottingDays } : {}),
            ...(probability !== undefined ? { probability } : {}),
          },
          ...(index !== undefined ? { index } : {}),
        };
      }
      case 'RenameStage':
        return { type: 'RenameStage', ...on, stageId: action.stageId, name: action.body.name };
      case 'ChangeStageSettings':
        return {
          type: 'ChangeStageSettings',
          ...on,
          stageId: action.stageId,
          ...(action.body.probability !== undefined
            ? { probability: action.body.probability }
            : {}),
          ...(action.body.rottingDays !== undefined
            ? { rottingDays: action.body.rottingDays }
            : {}),
        };
      case 'ReorderStages':
        return { type: 'ReorderStages', ...on, stageIds: [...action.body.stageIds] };
      case 'RemoveStage':
        return {
          type: 'RemoveStage',
          ...on,
          stageId: action.stageId,
          openDeals: await this.openDeals(pipelineId, action.stageId),
          ...(action.body.reason ? { reason: action.body.reason } : {}),
        };
    }
  }

  /**
   * Open deals in the stage, from the deal cards once they include every event stored so far.
   * A deal moved into the stage between this count and the removal is the one race left: a
   * stage move reads the pipeline before appending to the deal (ADR 0009).
   */
  private async openDeals(pipelineId: string, stageId: string): Promise<number> {
    const pipeline = await this.repository.load(`pipeline-${pipelineId}`, pipelineDecider);
    if (pipeline.state.status === 'none') throw notFound('pipeline', pipelineId);
    await this.reads.caughtUp(projections.board, await this.repository.headPosition());
    return this.reads.openDealsInStage(pipelineId, stageId);
  }
}
