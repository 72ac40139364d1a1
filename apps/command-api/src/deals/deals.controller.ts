import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  businessDay,
  type CommandMeta,
  newId,
  offerLinesFrom,
  ReassignCommand,
} from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { uuidParam } from '#platform';
import { Meta } from '../command-handling/request-meta';
import { OwnerDto } from '../staff/reassign.dto';
import {
  AcceptOfferDto,
  ChangeDealValueDto,
  ExpireOfferDto,
  MakeOfferDto,
  RejectOfferDto,
  ReviseOfferDto,
} from './offers.dto';
import { ActOnDealCommand, type DealRequest, OpenDealCommand } from '#commands';
import {
  acceptOffer,
  changeDealValue,
  expireOffer,
  makeOffer,
  openDeal,
  rejectOffer,
  reviseOffer,
} from './deals.commands';
import {
  ChangeOrderPromiseDto,
  ChangeOrderStatusDto,
  PlaceOrderDto,
  SetExpectedCloseDto,
  LoseDealDto,
  MoveDealStageDto,
  MoveDealToPipelineDto,
  OpenDealDto,
  RenameDealDto,
  ReopenDealDto,
  ScheduleNextActionDto,
  WinDealDto,
} from './deals.dto';

@CommandController('deals')
export class DealsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly repository: AggregateRepository,
  ) {}

  @ApiOperation({ summary: 'Open a deal (OpenDeal)' })
  @Post()
  @HttpCode(201)
  async open(@Body() body: OpenDealDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new OpenDealCommand(openDeal(body, meta), meta)),
      true,
    );
  }

  @ApiOperation({ summary: 'Move a deal to another stage (MoveDealStage)' })
  @Post(':id/stage')
  @HttpCode(200)
  async move(
    @Param('id', uuidParam()) id: string,
    @Body() body: MoveDealStageDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(
      { type: 'MoveDealStage', dealId: id, stageId: body.stageId, now: meta.now },
      meta,
    );
  }

  @ApiOperation({ summary: "Schedule a deal's next action (its colour on the board)" })
  @Post(':id/next-action')
  @HttpCode(200)
  async schedule(
    @Param('id', uuidParam()) id: string,
    @Body() body: ScheduleNextActionDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(
      { type: 'ScheduleNextAction', dealId: id, dueOn: body.dueOn, description: body.description },
      meta,
    );
  }

  @ApiOperation({ summary: 'Mark a deal won' })
  @Post(':id/win')
  @HttpCode(200)
  async win(
    @Param('id', uuidParam()) id: string,
    @Body() body: WinDealDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(
      { type: 'WinDeal', dealId: id, ...(body.note ? { note: body.note } : {}), now: meta.now },
      meta,
    );
  }

  @ApiOperation({ summary: 'Mark a deal lost, with the reason' })
  @Post(':id/lose')
  @HttpCode(200)
  async lose(
    @Param('id', uuidParam()) id: string,
    @Body() body: LoseDealDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act({ type: 'LoseDeal', dealId: id, reason: body.reason, now: meta.now }, meta);
  }

  @ApiOperation({ summary: 'Reopen a closed deal' })
  @Post(':id/reopen')
  @HttpCode(200)
  async reopen(
    @Param('id', uuidParam()) id: string,
    @Body() body: ReopenDealDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(
      {
        type: 'ReopenDeal',
        dealId: id,
        ...(body.reason ? { reason: body.reason } : {}),
        now: meta.now,
      },
      meta,
    );
  }

  @ApiOperation({ summary: 'Hand a deal over to another owner' })
  @Post(':id/owner')
  @HttpCode(200)
  async assignOwner(
    @Param('id', uuidParam()) dealId: string,
    @Body() body: OwnerDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ReassignCommand('deal', dealId, body.ownerId, body.reason, meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({ summary: 'Move a deal to another pipeline' })
  @Post(':id/pipeline')
  @HttpCode(200)
  async moveToPipeline(
    @Param('id', uuidParam()) id: string,
    @Body() body: MoveDealToPipelineDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(
      {
        type: 'MoveDealToPipeline',
        dealId: id,
        pipelineId: body.pipelineId,
        ...(body.stageId ? { stageId: body.stageId } : {}),
        now: meta.now,
      },
      meta,
    );
  }

  @ApiOperation({
    summary: 'Give a deal another title (RenameDeal)',
    description: 'Open or closed; the same title records nothing.',
  })
  @Post(':id/rename')
  @HttpCode(200)
  async rename(
    @Param('id', uuidParam()) id: string,
    @Body() body: RenameDealDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act({ type: 'RenameDeal', dealId: id, title: body.title, now: meta.now }, meta);
  }

  @ApiOperation({ summary: "Change a deal's value" })
  @Post(':id/value')
  @HttpCode(200)
  async changeValue(
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeDealValueDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(changeDealValue(id, body, meta), meta);
  }

  @ApiOperation({
    summary: 'Make an offer on a deal',
    description:
      'MakeOffer: lines with products or services, prices, discounts, terms and validity. A line naming a catalogue product (`productCode`) takes what it leaves out from it: 404 `product-not-found`, 409 `product-retired`, 409 `product-not-priced` when it has no price in the currency and the line gives none.',
  })
  @Post(':id/offers')
  @HttpCode(201)
  async makeOffer(
    @Param('id', uuidParam()) id: string,
    @Body() body: MakeOfferDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const lines = await offerLinesFrom(this.repository, body.lines, body.currency);
    return this.act(makeOffer(id, body, lines, meta), meta, true);
  }

  @ApiOperation({
    summary: 'Revise an open offer (a new version)',
    description:
      'ReviseOffer: a new version; the earlier ones stay in the history. Lines naming a product as for MakeOffer, from the catalogue as it stands now.',
  })
  @Post(':id/offers/:offerId/revise')
  @HttpCode(200)
  async reviseOffer(
    @Param('id', uuidParam()) id: string,
    @Param('offerId', uuidParam()) offerId: string,
    @Body() body: ReviseOfferDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const lines = await offerLinesFrom(this.repository, body.lines, body.currency);
    return this.act(reviseOffer(id, offerId, body, lines, meta), meta);
  }

  @ApiOperation({ summary: 'Record that the customer accepted an offer' })
  @Post(':id/offers/:offerId/accept')
  @HttpCode(200)
  async acceptOffer(
    @Param('id', uuidParam()) id: string,
    @Param('offerId', uuidParam()) offerId: string,
    @Body() body: AcceptOfferDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(acceptOffer(id, offerId, body, meta), meta);
  }

  @ApiOperation({ summary: 'Record that the customer rejected an offer' })
  @Post(':id/offers/:offerId/reject')
  @HttpCode(200)
  async rejectOffer(
    @Param('id', uuidParam()) id: string,
    @Param('offerId', uuidParam()) offerId: string,
    @Body() body: RejectOfferDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(rejectOffer(id, offerId, body, meta), meta);
  }

  @ApiOperation({
    summary: 'Expire an offer past its valid-until day',
    description: 'ExpireOffer: sent by a scheduler or a client once valid-until has passed.',
  })
  @Post(':id/offers/:offerId/expire')
  @HttpCode(200)
  async expireOffer(
    @Param('id', uuidParam()) id: string,
    @Param('offerId', uuidParam()) offerId: string,
    @Body() body: ExpireOfferDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(expireOffer(id, offerId, body, meta), meta);
  }

  @ApiOperation({
    summary: 'Set the day an open deal is expected to close',
    description:
      'SetExpectedClose: what the forecast counts it in; a change keeps the day before and the reason.',
  })
  @Post(':id/expected-close')
  @HttpCode(200)
  async setExpectedClose(
    @Param('id', uuidParam()) id: string,
    @Body() body: SetExpectedCloseDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(
      {
        type: 'SetExpectedClose',
        dealId: id,
        expectedCloseOn: body.expectedCloseOn,
        ...(body.reason ? { reason: body.reason } : {}),
        now: meta.now,
      },
      meta,
    );
  }

  @ApiOperation({
    summary: 'Place the order of a won deal',
    description:
      'PlaceOrder: what was won is to be delivered by `promisedOn`; the order starts confirmed, on `confirmedOn` (today by default; an earlier day records an order in hindsight, a later one is 409 `order-step-in-future`); `promisedOn` is that day or later (409 `promised-before-confirmed`). One order per deal; late orders are flagged on the board and the 360.',
  })
  @Post(':id/order')
  @HttpCode(201)
  async placeOrder(
    @Param('id', uuidParam()) id: string,
    @Body() body: PlaceOrderDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const orderId = newId(meta, 'order', body.orderId);
    const today = businessDay(meta.now);
    const result = await this.commands.execute(
      new ActOnDealCommand(
        {
          type: 'PlaceOrder',
          dealId: id,
          orderId,
          confirmedOn: body.confirmedOn ?? today,
          promisedOn: body.promisedOn,
          ...(body.reference ? { reference: body.reference } : {}),
          today,
          now: meta.now,
        },
        meta,
      ),
    );
    return answer({ ...result, orderId }, true);
  }

  @ApiOperation({
    summary: "Move a deal's order on: in production, shipped, delivered (or cancelled)",
    description:
      'ChangeOrderStatus: forward only (steps may be skipped; 409 `order-status-backwards`); delivered and cancelled are final (409 `order-closed`). A step happens on `on`, never before the step it follows, the confirmation included (409 `order-step-out-of-order`), nor after today (409 `order-step-in-future`); the same step again on its day changes nothing, on another day it is 409 `order-step-recorded`.',
  })
  @Post(':id/order/status')
  @HttpCode(200)
  async changeOrderStatus(
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeOrderStatusDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const today = businessDay(meta.now);
    return this.act(
      {
        type: 'ChangeOrderStatus',
        dealId: id,
        status: body.status,
        on: body.on ?? today,
        ...(body.note ? { note: body.note } : {}),
        today,
        now: meta.now,
      },
      meta,
    );
  }

  @ApiOperation({
    summary: "Move an order's promised delivery day",
    description:
      'ChangeOrderPromise: a new promised day, with the reason; never a day before the order was confirmed (409 `promised-before-confirmed`).',
  })
  @Post(':id/order/promise')
  @HttpCode(200)
  async changeOrderPromise(
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeOrderPromiseDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.act(
      {
        type: 'ChangeOrderPromise',
        dealId: id,
        promisedOn: body.promisedOn,
        reason: body.reason,
        now: meta.now,
      },
      meta,
    );
  }

  private async act(command: DealRequest, meta: CommandMeta, created = false) {
    return answer(await this.commands.execute(new ActOnDealCommand(command, meta)), created);
  }
}
