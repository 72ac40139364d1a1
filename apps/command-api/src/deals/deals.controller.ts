import { Body, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { uuidParam } from '#platform';
import { metaOf } from '../command-handling/request-meta';
import { OwnerDto, ReassignCommand } from '../staff/reassign.command';
import {
  AcceptOfferDto,
  ChangeDealValueDto,
  ExpireOfferDto,
  MakeOfferDto,
  RejectOfferDto,
  ReviseOfferDto,
} from './offers.dto';
import { ActOnDealCommand, OpenDealCommand } from './deals.commands';
import {
  LoseDealDto,
  MoveDealStageDto,
  MoveDealToPipelineDto,
  OpenDealDto,
  ReopenDealDto,
  ScheduleNextActionDto,
  WinDealDto,
} from './deals.dto';

@CommandController('deals')
export class DealsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  async open(
    @Body() body: OpenDealDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return answer(reply, await this.commands.execute(new OpenDealCommand(body, metaOf(req))), true);
  }

  @Post(':id/stage')
  @HttpCode(200)
  async move(
    @Param('id', uuidParam()) id: string,
    @Body() body: MoveDealStageDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'MoveDealStage', stageId: body.stageId }, req, reply);
  }

  @Post(':id/next-action')
  @HttpCode(200)
  async schedule(
    @Param('id', uuidParam()) id: string,
    @Body() body: ScheduleNextActionDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(
      id,
      { type: 'ScheduleNextAction', dueOn: body.dueOn, description: body.description },
      req,
      reply,
    );
  }

  @Post(':id/win')
  @HttpCode(200)
  async win(
    @Param('id', uuidParam()) id: string,
    @Body() body: WinDealDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'WinDeal', ...(body.note ? { note: body.note } : {}) }, req, reply);
  }

  @Post(':id/lose')
  @HttpCode(200)
  async lose(
    @Param('id', uuidParam()) id: string,
    @Body() body: LoseDealDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'LoseDeal', reason: body.reason }, req, reply);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  async reopen(
    @Param('id', uuidParam()) id: string,
    @Body() body: ReopenDealDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(
      id,
      { type: 'ReopenDeal', ...(body.reason ? { reason: body.reason } : {}) },
      req,
      reply,
    );
  }

  @Post(':id/owner')
  @HttpCode(200)
  async assignOwner(
    @Param('id', uuidParam()) dealId: string,
    @Body() body: OwnerDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    const command = new ReassignCommand('deal', dealId, body.ownerId, body.reason, metaOf(req));
    return answer(reply, await this.commands.execute(command), false);
  }

  @Post(':id/pipeline')
  @HttpCode(200)
  async moveToPipeline(
    @Param('id', uuidParam()) id: string,
    @Body() body: MoveDealToPipelineDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(
      id,
      {
        type: 'MoveDealToPipeline',
        pipelineId: body.pipelineId,
        ...(body.stageId ? { stageId: body.stageId } : {}),
      },
      req,
      reply,
    );
  }

  @Post(':id/value')
  @HttpCode(200)
  async changeValue(
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeDealValueDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'ChangeDealValue', body }, req, reply);
  }

  /** MakeOffer: lines with products or services, prices, discounts, terms and validity. */
  @Post(':id/offers')
  @HttpCode(201)
  async makeOffer(
    @Param('id', uuidParam()) id: string,
    @Body() body: MakeOfferDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'MakeOffer', body }, req, reply, true);
  }

  /** ReviseOffer: a new version; the earlier ones stay in the history. */
  @Post(':id/offers/:offerId/revise')
  @HttpCode(200)
  async reviseOffer(
    @Param('id', uuidParam()) id: string,
    @Param('offerId', uuidParam()) offerId: string,
    @Body() body: ReviseOfferDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'ReviseOffer', offerId, body }, req, reply);
  }

  @Post(':id/offers/:offerId/accept')
  @HttpCode(200)
  async acceptOffer(
    @Param('id', uuidParam()) id: string,
    @Param('offerId', uuidParam()) offerId: string,
    @Body() body: AcceptOfferDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'AcceptOffer', offerId, body }, req, reply);
  }

  @Post(':id/offers/:offerId/reject')
  @HttpCode(200)
  async rejectOffer(
    @Param('id', uuidParam()) id: string,
    @Param('offerId', uuidParam()) offerId: string,
    @Body() body: RejectOfferDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'RejectOffer', offerId, body }, req, reply);
  }

  /** ExpireOffer: sent by a scheduler or a client once valid-until has passed. */
  @Post(':id/offers/:offerId/expire')
  @HttpCode(200)
  async expireOffer(
    @Param('id', uuidParam()) id: string,
    @Param('offerId', uuidParam()) offerId: string,
    @Body() body: ExpireOfferDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return this.act(id, { type: 'ExpireOffer', offerId, body }, req, reply);
  }

  private async act(
    id: string,
    action: ActOnDealCommand['action'],
    req: FastifyRequest,
    reply: FastifyReply,
    created = false,
  ) {
    return answer(
      reply,
      await this.commands.execute(new ActOnDealCommand(id, action, metaOf(req))),
      created,
    );
  }
}
