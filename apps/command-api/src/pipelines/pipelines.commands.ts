import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { pipelineDecider } from '#domain';
import { type CommandResult } from '../command-handling/command-result';
import { type DefinePipelineDto } from './pipelines.dto';
import { AggregateRepository, type CommandMeta, newId } from '#commands';

export class DefinePipelineCommand extends Command<CommandResult> {
  constructor(
    readonly body: DefinePipelineDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(DefinePipelineCommand)
export class DefinePipelineHandler implements ICommandHandler<DefinePipelineCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ body, meta }: DefinePipelineCommand): Promise<CommandResult> {
    const pipelineId = newId(meta, 'pipeline', body.pipelineId);
    const stages = body.stages.map((s, i) => ({
      stageId: newId(meta, `${pipelineId}/stage/${i}`, s.stageId),
      name: s.name,
      ...(s.rottingDays !== undefined ? { rottingDays: s.rottingDays } : {}),
      ...(s.probability !== undefined ? { probability: s.probability } : {}),
    }));
    const r = await this.repository.execute(
      `pipeline-${pipelineId}`,
      pipelineDecider,
      meta,
      (state) =>
        pipelineDecider.decide(
          { type: 'DefinePipeline', pipelineId, name: body.name, stages, now: meta.now },
          state,
        ),
    );
    const defined = r.state.status === 'defined' ? r.state.stages : stages;
    return {
      id: pipelineId,
      revision: r.revision,
      position: r.position,
      stageIds: defined.map((s) => s.stageId),
    };
  }
}
