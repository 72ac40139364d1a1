import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { problem } from '#platform';
import { type DealCommand, dealDecider, type DealState, notFound, pipelineDecider } from '#domain';
import { businessDay, lineInput } from '../command-handling/business-day';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveStaff } from '../staff/reassign';
import { type OpenDealDto } from './deals.dto';
import {
  type AcceptOfferDto,
  type ChangeDealValueDto,
  type ExpireOfferDto,
  type MakeOfferDto,
  type OfferLineDto,
  type RejectOfferDto,
  type ReviseOfferDto,
} from './offers.dto';
import { AggregateRepository, requireActiveCustomer, type CommandMeta, newId } from '#commands';

export class OpenDealCommand extends Command<CommandResult> {
  constructor(
    readonly body: OpenDealDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

type DealAction =
  | { type: 'MoveDealStage'; stageId: string }
  | { type: 'ScheduleNextAction'; dueOn: string; description: string }
  | { type: 'WinDeal'; note?: string }
  | { type: 'LoseDeal'; reason: string }
  | { type: 'ReopenDeal'; reason?: string }
  | { type: 'MoveDealToPipeline'; pipelineId: string; stageId?: string }
  | { type: 'ChangeDealValue'; body: ChangeDealValueDto }
  | { type: 'MakeOffer'; body: MakeOfferDto }
  | { type: 'ReviseOffer'; offerId: string; body: ReviseOfferDto }
  | { type: 'AcceptOffer'; offerId: string; body: AcceptOfferDto }
  | { type: 'RejectOffer'; offerId: string; body: RejectOfferDto }
  | { type: 'ExpireOffer'; offerId: string; body: ExpireOfferDto };

const linesOf = (lines: OfferLineDto[]) => lines.map((l) => ({ kind: l.kind, ...lineInput(l) }));

/** Every command on an existing deal: the action, the deal and the metadata. */
export class ActOnDealCommand extends Command<CommandResult> {
  constructor(
    readonly dealId: string,
    readonly action: DealAction,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

type PipelineStages = { pipelineId: string; stageIds: string[] };

/** The deal's pipeline changed between loading its stages and deciding: load them again. */
class PipelineMoved extends Error {}

const pipelineStages = async (
  repository: AggregateRepository,
  pipelineId: string,
): Promise<PipelineStages> => {
  const pipeline = await repository.load(`pipeline-${pipelineId}`, pipelineDecider);
  if (pipeline.state.status === 'none') throw notFound('pipeline', pipelineId);
  return { pipelineId, stageIds: pipeline.state.stages.map((s) => s.stageId) };
};

@CommandHandler(OpenDealCommand)
export class OpenDealHandler implements ICommandHandler<OpenDealCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ body, meta }: OpenDealCommand): Promise<CommandResult> {
    await requireActiveCustomer(this.repository, body.customerId);
    const pipeline = await pipelineStages(this.repository, body.pipelineId);
    const dealId = newId(meta, 'deal', body.dealId);
    const { dealId: _d, pipelineId: _p, ownerId, value, ...rest } = body;
    if (ownerId) await requireActiveStaff(this.repository, ownerId);
    const r = await this.repository.execute(`deal-${dealId}`, dealDecider, meta, (state) =>
      dealDecider.decide(
        {
          type: 'OpenDeal',
          ...rest,
          value: { ...value },
          dealId,
          pipeline,
          ownerId: ownerId ?? meta.actorId,
          now: meta.now,
        },
        state,
      ),
    );
    return { id: dealId, revision: r.revision, position: r.position };
  }
}

@CommandHandler(ActOnDealCommand)
export class ActOnDealHandler implements ICommandHandler<ActOnDealCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ dealId, action, meta }: ActOnDealCommand): Promise<CommandResult> {
    const offerId =
      action.type === 'MakeOffer' ? newId(meta, 'offer', action.body.offerId) : undefined;
    for (let attempt = 1; ; attempt++) {
      const pipeline = await this.pipelineFor(dealId, action);
      try {
        const r = await this.repository.execute(`deal-${dealId}`, dealDecider, meta, (state) =>
          dealDecider.decide(this.command(dealId, action, meta, state, pipeline, offerId), state),
        );
        return {
          id: dealId,
          revision: r.revision,
          position: r.position,
          ...(offerId ? { offerId } : {}),
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
  private async pipelineFor(dealId: string, action: DealAction) {
    if (action.type === 'MoveDealToPipeline')
      return pipelineStages(this.repository, action.pipelineId);
    if (action.type !== 'MoveDealStage') return undefined;
    const { state } = await this.repository.load(`deal-${dealId}`, dealDecider);
    if (state.status === 'none') throw notFound('deal', dealId);
    return pipelineStages(this.repository, state.pipelineId);
  }

  private command(
    dealId: string,
    action: DealAction,
    meta: CommandMeta,
    state: DealState,
    pipeline: PipelineStages | undefined,
    offerId?: string,
  ): DealCommand {
    const on = { dealId, now: meta.now };
    switch (action.type) {
      case 'ChangeDealValue':
        return {
          type: 'ChangeDealValue',
          ...on,
          value: { ...action.body.value },
          ...(action.body.reason ? { reason: action.body.reason } : {}),
        };
      case 'MakeOffer':
      case 'ReviseOffer': {
        const { lines, currency, terms, validUntil } = action.body;
        return {
          type: action.type,
          ...on,
          offerId: action.type === 'MakeOffer' ? offerId! : action.offerId,
          lines: linesOf(lines),
          currency,
          ...(terms ? { terms } : {}),
          validUntil,
          today: businessDay(meta.now),
        };
      }
      case 'AcceptOffer':
        return {
          type: 'AcceptOffer',
          ...on,
          offerId: action.offerId,
          ...(action.body.version !== undefined ? { version: action.body.version } : {}),
          today: businessDay(meta.now),
        };
      case 'RejectOffer':
        return { type: 'RejectOffer', ...on, offerId: action.offerId, reason: action.body.reason };
      case 'ExpireOffer': {
        const current = businessDay(meta.now);
        const asOf = action.body.asOf ?? current;
        // Today decides: an offer cannot be expired as of a day that has not come yet.
        if (asOf > current)
          throw problem(
            409,
            'as-of-in-future',
            'Not yet',
            `asOf ${asOf} is later than today (${current})`,
          );
        return { type: 'ExpireOffer', ...on, offerId: action.offerId, today: asOf };
      }
      case 'MoveDealStage': {
        if (state.status === 'none') throw notFound('deal', dealId);
        // Another process moved the deal to another pipeline after its stages were loaded.
        if (!pipeline || pipeline.pipelineId !== state.pipelineId) throw new PipelineMoved();
        return { type: 'MoveDealStage', dealId, stageId: action.stageId, pipeline, now: meta.now };
      }
      case 'ScheduleNextAction':
        return {
          type: 'ScheduleNextAction',
          dealId,
          dueOn: action.dueOn,
          description: action.description,
        };
      case 'WinDeal':
        return {
          type: 'WinDeal',
          dealId,
          ...(action.note ? { note: action.note } : {}),
          now: meta.now,
        };
      case 'LoseDeal':
        return { type: 'LoseDeal', dealId, reason: action.reason, now: meta.now };
      case 'MoveDealToPipeline': {
        if (state.status === 'none') throw notFound('deal', dealId);
        if (!pipeline) throw new PipelineMoved();
        return {
          type: 'MoveDealToPipeline',
          dealId,
          pipeline,
          ...(action.stageId ? { stageId: action.stageId } : {}),
          now: meta.now,
        };
      }
      case 'ReopenDeal':
        return {
          type: 'ReopenDeal',
          dealId,
          ...(action.reason ? { reason: action.reason } : {}),
          now: meta.now,
        };
    }
  }
}
