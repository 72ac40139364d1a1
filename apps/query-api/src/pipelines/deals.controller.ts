import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { collections, type DealDoc, dealMeetsFields, fieldTypesFor } from '#read-models';
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
      [['openedAt', -1]],
      (d) => dealMeetsFields(conditions, d.customFields, fields),
    );
    return {
      items: page.items.map((d) => ({
        dealId: d._id,
        title: d.title,
        customerId: d.customerId,
        pipelineId: d.pipelineId,
        stageId: d.stageId,
        status: d.status,
        value: d.value,
        ownerId: d.ownerId,
        openedAt: d.openedAt,
        closedAt: d.closedAt ?? null,
        expectedCloseOn: d.expectedCloseOn ?? null,
        customFields: d.customFields ?? {},
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
