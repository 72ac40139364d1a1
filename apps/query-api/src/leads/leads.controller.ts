import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { collections, type LeadDoc } from '#read-models';
import { type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

export class LeadsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['new', 'qualified', 'disqualified', 'converted'] })
  @IsOptional()
  @IsIn(['new', 'qualified', 'disqualified', 'converted'])
  status?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;
}

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer('LeadPage', 'Leads, by status and owner', 'Newest first.')
  @Get()
  async list(@Query() query: LeadsQuery) {
    const page = await this.store.find<LeadDoc>(
      collections.leads,
      {
        ...(query.status ? { status: query.status } : {}),
        ...(query.ownerId ? { ownerId: query.ownerId } : {}),
      },
      pageOptions(query, [['createdAt', -1]]),
    );
    return {
      items: page.items.map(({ _id, ...lead }) => ({ leadId: _id, ...lead })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
