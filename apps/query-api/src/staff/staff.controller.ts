import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { problem, uuidParam } from '#platform';
import {
  collections,
  type DealDoc,
  type PortfolioItemDoc,
  type PortfolioKind,
  type StaffDoc,
} from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';
import { businessToday, TodayQuery } from '../shared/today';

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

const memberView = ({ _id, ...member }: StaffDoc) => ({ staffId: _id, ...member });

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'StaffPage',
    'Staff members',
    'Staff members by name, with roles and, for those who left, their successor.',
  )
  @Get()
  async list(@Query() query: StaffQuery) {
    const page = await this.store.find<StaffDoc>(
      collections.staff,
      query.status ? { status: query.status } : {},
      pageOptions(query, [['name', 1]]),
    );
    return {
      items: page.items.map(memberView),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer(
    'StaffMember',
    'One staff member',
    'Name, roles, status and, after leaving, the successor.',
  )
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const member = await this.store.get<StaffDoc>(collections.staff, id);
    if (!member) throw problem(404, 'staff-not-found', 'Not found', `staff ${id} does not exist`);
    return memberView(member);
  }

  @Answer(
    'Portfolio',
    'What a staff member owns: leads, customers, deals, activities and tickets, with what is overdue',
    'The open leads, customers, deals, activities and tickets a member owns now, with the workload that is late: activities past their day and deals whose next action is overdue.',
  )
  @Get(':id/portfolio')
  async portfolio(@Param('id', uuidParam()) staffId: string, @Query() query: TodayQuery) {
    const today = businessToday(query.tz);
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
    const lateActivities = items
      .filter((i) => i.kind === 'activity' && typeof i.dueOn === 'string' && i.dueOn < today)
      .map((i) => ({
        activityId: i.itemId,
        customerId: i.customerId,
        title: i.title,
        dueOn: i.dueOn,
      }));
    const deals = await findAll<DealDoc>(this.store, collections.deals, {
      ownerId: staffId,
      status: 'open',
    });
    const lateDeals = deals
      .filter((d) => d.nextAction !== null && d.nextAction.dueOn < today)
      .map((d) => ({
        dealId: d._id,
        customerId: d.customerId,
        title: d.title,
        nextAction: d.nextAction,
      }));
    return {
      staffId,
      name: member.name,
      status: member.status,
      counts: {
        ...(Object.fromEntries(Object.entries(portfolio).map(([k, v]) => [k, v.length])) as Record<
          string,
          number
        >),
        overdueActivities: lateActivities.length,
        overdueNextActions: lateDeals.length,
      },
      overdue: { activities: lateActivities, nextActions: lateDeals },
      ...portfolio,
    };
  }
}
