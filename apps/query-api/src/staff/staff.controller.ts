import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { problem, uuidParam } from '#platform';
import {
  collections,
  type PortfolioItemDoc,
  type PortfolioKind,
  type StaffDoc,
} from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

export class StaffQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['active', 'deactivated'] })
  @IsOptional()
  @IsIn(['active', 'deactivated'])
  status?: 'active' | 'deactivated';
}

const kinds: Record<PortfolioKind, 'leads' | 'customers' | 'deals' | 'activities' | 'tickets'> = {
  lead: 'leads',
  customer: 'customers',
  deal: 'deals',
  activity: 'activities',
  ticket: 'tickets',
};

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  /** Staff members by name, with roles and, for those who left, their successor. */
  @Get()
  async list(@Query() query: StaffQuery) {
    const page = await this.store.find<StaffDoc>(
      collections.staff,
      query.status ? { status: query.status } : {},
      pageOptions(query, [['name', 1]]),
    );
    return {
      items: page.items.map(({ _id, ...member }) => ({ staffId: _id, ...member })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /** The open leads, customers, deals, activities and tickets a member owns now. */
  @Get(':id/portfolio')
  async portfolio(@Param('id', uuidParam()) staffId: string) {
    const member = await this.store.get<StaffDoc>(collections.staff, staffId);
    if (!member)
      throw problem(404, 'staff-not-found', 'Not found', `staff ${staffId} does not exist`);
    const items = await findAll<PortfolioItemDoc>(
      this.store,
      collections.portfolio,
      { ownerId: staffId, open: true },
      [
        ['ownedSince', 1],
        ['_id', 1],
      ],
    );
    const portfolio = {
      leads: [],
      customers: [],
      deals: [],
      activities: [],
      tickets: [],
    } as Record<(typeof kinds)[PortfolioKind], unknown[]>;
    for (const { _id, kind, ownerId: _o, open: _open, ...item } of items)
      portfolio[kinds[kind]].push(item);
    return {
      staffId,
      name: member.name,
      status: member.status,
      counts: Object.fromEntries(Object.entries(portfolio).map(([k, v]) => [k, v.length])),
      ...portfolio,
    };
  }
}
