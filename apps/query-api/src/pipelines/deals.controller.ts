import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { problem, uuidParam } from '#platform';
import {
  collections,
  type DealDoc,
  dealMeetsFields,
  fieldTypesFor,
  listOrders,
} from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { FieldConditions } from '../custom-fields/custom-fields';
import { keptPage } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

const statuses = ['open', 'won', 'lost'] as const;

export class DealsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() stageId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: statuses })
  @IsOptional()
  @IsIn(statuses)
  status?: (typeof statuses)[number];
  @FieldConditions('deal') field?: string[];
}

/** A deal as lists and its own read show it; `revision` is what a command sends as If-Match. */
const dealView = (d: DealDoc) => ({
  dealId: d._id,
  title: d.title,
  customerId: d.customerId,
  pipelineId: d.pipelineId,
  stageId: d.stageId,
  status: d.status,
  value: d.value,
  ownerId: d.ownerId,
  openedAt: d.openedAt,
  stageEnteredAt: d.stageEnteredAt,
  lastActivityAt: d.lastActivityAt,
  nextAction: d.nextAction,
  closedAt: d.closedAt ?? null,
  lostReason: d.lostReason ?? null,
  expectedCloseOn: d.expectedCloseOn ?? null,
  order: d.order ?? null,
  customFields: d.customFields ?? {},
  revision: d.revision ?? null,
});

@ApiTags('deals')
@Controller('deals')
export class DealsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'DealPage',
    'Deals, newest first',
    'Deals by customer, pipeline, stage, owner and status, narrowed by custom field conditions; each with its custom field values by key.',
  )
  @Get()
  async list(@Query() query: DealsQuery) {
    const conditions = query.field ?? [];
    const fields = await fieldTypesFor(this.store, conditions);
    const filter: Filter = {
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.pipelineId ? { pipelineId: query.pipelineId } : {}),
      ...(query.stageId ? { stageId: query.stageId } : {}),
      ...(query.ownerId ? { ownerId: query.ownerId } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const page = await keptPage<DealDoc>(
      this.store,
      collections.deals,
      filter,
      query,
      listOrders.deals.sort,
      (d) => dealMeetsFields(conditions, d.customFields, fields),
    );
    return {
      items: page.items.map(dealView),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer(
    'DealView',
    'One deal',
    'Its stage, value, owner, next action, order and custom field values, and its revision (If-Match for the next command).',
  )
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const deal = await this.store.get<DealDoc>(collections.deals, id);
    if (!deal) throw problem(404, 'deal-not-found', 'Not found', `deal ${id} does not exist`);
    return dealView(deal);
  }
}
