import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ClearNextAction,
  type DealCommand,
  dealDecider,
  type DealState,
  type MoveDealStage,
  type MoveDealToPipeline,
  notFound,
  type OpenDeal,
  type PipelineContext,
  pipelineDecider,
  pipelineInUse,
  type Reassign,
} from '#domain';
import { requireActiveCustomer } from './active-customer';
import { AggregateRepository } from './aggregate-repository';
import { type CommandMeta } from './command-meta';
import { type CommandResult } from './command-result';
import { requireActiveStaff } from './reassign';

/**
 * A command on an existing deal as the domain takes it, less the pipeline's stages, which the
 * handler loads before deciding: a stage move names no pipeline (the deal's own counts), a
 * move to another pipeline names it.
 */
export type DealRequest =
  | Exclude<DealCommand, OpenDeal | MoveDealStage | MoveDealToPipeline | ClearNextAction | Reassign>
  | Omit<MoveDealStage, 'pipeline'>
  | (Omit<MoveDealToPipeline, 'pipeline'> & { pipelineId: string });

/** OpenDeal as the domain takes it, with the pipeline named instead of its stages. */
export type OpenDealRequest = Omit<OpenDeal, 'pipeline'> & { pipelineId: string };

export class OpenDealCommand extends Command<CommandResult> {
  constructor(
    readonly command: OpenDealRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Every command on an existing deal, from HTTP or from a workflow rule. */
export class ActOnDealCommand extends Command<CommandResult> {
  constructor(
    readonly command: DealRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** The pipeline's stages; `putIn`: a deal is put in it, so it must be in use (not archived). */
const pipelineStages = async (
  repository: AggregateRepository,
  pipelineId: string,
  putIn: boolean,
): Promise<PipelineContext> => {
  const { state } = await repository.load(`pipeline-${pipelineId}`, pipelineDecider);
  if (state.status === 'none') throw notFound('pipeline', pipelineId);
  if (putIn) pipelineInUse(state, pipelineId);
  return { pipelineId, stageIds: state.stages.map((s) => s.stageId) };
};

@CommandHandler(OpenDealCommand)
export class OpenDealHandler implements ICommandHandler<OpenDealCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: OpenDealCommand): Promise<CommandResult> {
    await requireActiveCustomer(this.repository, command.customerId);
    const { pipelineId, ...open } = command;
    const pipeline = await pipelineStages(this.repository, pipelineId, true);
    // The actor opening a deal for themselves is the authenticated, active member already.
    if (command.ownerId !== meta.actorId)
      await requireActiveStaff(this.repository, command.ownerId);
    const r = await this.repository.execute(`deal-${command.dealId}`, dealDecider, meta, (state) =>
      dealDecider.decide({ ...open, pipeline }, state),
    );
    return { id: command.dealId, revision: r.revision, position: r.position };
  }
}

/** The deal's pipeline changed between loading its stages and deciding: load them again. */
class PipelineMoved extends Error {}

@CommandHandler(ActOnDealCommand)
export class ActOnDealHandler implements ICommandHandler<ActOnDealCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: ActOnDealCommand): Promise<CommandResult> {
    const { dealId } = command;
    for (let attempt = 1; ; attempt++) {
      const pipeline = await this.pipelineFor(command);
      try {
        const r = await this.repository.execute(`deal-${dealId}`, dealDecider, meta, (state) =>
          dealDecider.decide(withPipeline(command, state, pipeline), state),
        );
        return {
          id: dealId,
          revision: r.revision,
          position: r.position,
          ...(command.type === 'MakeOffer' ? { offerId: command.offerId } : {}),
        };
      } catch (error) {
        if (!(error instanceof PipelineMoved) || attempt >= 3) throw error;
      }
    }
  }

  /**
   * The pipeline a decision needs, loaded before deciding: the deal's own for a stage move,
   * the target for a move to another pipeline, none for the rest.
   */
  private async pipelineFor(command: DealRequest) {
    if (command.type === 'MoveDealToPipeline')
      return pipelineStages(this.repository, command.pipelineId, true);
    if (command.type !== 'MoveDealStage' && command.type !== 'ReopenDeal') return undefined;
    const { state } = await this.repository.load(`deal-${command.dealId}`, dealDecider);
    if (state.status === 'none') throw notFound('deal', command.dealId);
    // A reopened deal is open in its pipeline again: not in an archived one.
    const pipeline = await pipelineStages(
      this.repository,
      state.pipelineId,
      command.type === 'ReopenDeal',
    );
    return command.type === 'MoveDealStage' ? pipeline : undefined;
  }
}

/** The request with the stages it was decided against, once the deal is known to be there. */
const withPipeline = (
  command: DealRequest,
  state: DealState,
  pipeline: PipelineContext | undefined,
): DealCommand => {
  switch (command.type) {
    case 'MoveDealStage':
      if (state.status === 'none') throw notFound('deal', command.dealId);
      // Another process moved the deal to another pipeline after its stages were loaded.
      if (!pipeline || pipeline.pipelineId !== state.pipelineId) throw new PipelineMoved();
      return { ...command, pipeline };
    case 'MoveDealToPipeline': {
      if (state.status === 'none') throw notFound('deal', command.dealId);
      if (!pipeline) throw new PipelineMoved();
      const { pipelineId: _p, ...move } = command;
      return { ...move, pipeline };
    }
    default:
      return command;
  }
};
