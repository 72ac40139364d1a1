import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsDay, problem, uuidParam } from '#platform';
import { type ActivityKind, activityKinds } from '#events';
import { type ActivityDoc, collections, type TimeSpentDoc, listOrders } from '#read-models';
import { findAll, type Filter, type Range, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { calendarPage } from './calendar';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';
import { businessToday, IsTimeZone, TodayQuery } from '../shared/today';

export class ActivitiesQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Whose calendar (any colleague): activities assigned to them and those they take part in',
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "A deal's activities" })
  @IsOptional()
  @IsUUID()
  dealId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "A ticket's activities" })
  @IsOptional()
  @IsUUID()
  ticketId?: string;
  @ApiPropertyOptional({ enum: activityKinds })
  @IsOptional()
  @IsIn(activityKinds)
  kind?: ActivityKind;
  @ApiPropertyOptional({ description: 'From this day, YYYY-MM-DD' })
  @IsOptional()
  @IsDay()
  from?: string;
  @ApiPropertyOptional({ description: 'Up to this day, YYYY-MM-DD' })
  @IsOptional()
  @IsDay()
  to?: string;
  @ApiPropertyOptional({ enum: ['planned', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['planned', 'completed', 'cancelled'])
  status?: string;
  @ApiPropertyOptional({ enum: ['true'], description: 'Only planned activities due before today' })
  @IsOptional()
  @IsIn(['true'])
  overdue?: string;
  @IsTimeZone() tz?: string;
}

/** An activity, overdue when planned and due before `today`; the projector's position left out. */
const activityView = ({ _id, _position: _applied, ...a }: ActivityDoc, today: string) => ({
  activityId: _id,
  ...a,
  overdue: a.status === 'planned' && a.day < today,
});

/** A document a time-spent row is named from: a staff member, a customer or a deal. */
type NamedDoc = { _id: string; name?: string; title?: string };

/** Per grouping of time spent: where a row's name is read, and the field its id is given in. */
const timeSpentGroups = {
  staff: {
    collection: collections.staff,
    nameOf: (d: NamedDoc) => d.name,
    id: (ref: string) => ({ staffId: ref }),
  },
  customer: {
    collection: collections.customers,
    nameOf: (d: NamedDoc) => d.name,
    id: (ref: string) => ({ customerId: ref }),
  },
  deal: {
    collection: collections.deals,
    nameOf: (d: NamedDoc) => d.title,
    id: (ref: string) => ({ dealId: ref }),
  },
};

export class TimeSpentQuery {
  @ApiProperty({ enum: ['staff', 'customer', 'deal'] })
  @IsIn(['staff', 'customer', 'deal'])
  by!: 'staff' | 'customer' | 'deal';
  @ApiProperty({ description: 'YYYY-MM-DD' }) @IsDay() from!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) @IsDay() to!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'One staff member, customer or deal' })
  @IsOptional()
  @IsUUID()
  ref?: string;
}

@ApiTags('activities')
@Controller()
export class ActivitiesController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'ActivityPage',
    'Tasks, calls and meetings, by assignee, customer, deal, ticket, kind, day and status',
    'Calendar and tasks by day, for one member, a customer, a deal, a ticket or everyone; overdue marked.',
  )
  @Get('activities')
  async list(@Query() query: ActivitiesQuery) {
    const now = businessToday(query.tz);
    const days: Range = {};
    if (query.from) days.$gte = query.from;
    if (query.to) days.$lte = query.to;
    if (query.overdue) days.$lt = now;
    const filter: Filter = {
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.dealId ? { dealId: query.dealId } : {}),
      ...(query.ticketId ? { ticketId: query.ticketId } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.overdue ? { status: 'planned' } : query.status ? { status: query.status } : {}),
      ...(Object.keys(days).length > 0 ? { day: days } : {}),
    };
    const options = pageOptions(query, listOrders.activities.sort);
    // A member's calendar: what they are assigned and what they take part in.
    const page = query.assigneeId
      ? await calendarPage(this.store, query.assigneeId, filter, options)
      : await this.store.find<ActivityDoc>(listOrders.activities.collection, filter, options);
    return {
      items: page.items.map((a) => activityView(a, now)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer('ActivityView', 'One task, call or meeting', 'Overdue: planned and due before today.')
  @Get('activities/:id')
  async one(@Param('id', uuidParam()) id: string, @Query() query: TodayQuery) {
    const activity = await this.store.get<ActivityDoc>(collections.activities, id);
    if (!activity)
      throw problem(404, 'activity-not-found', 'Not found', `activity ${id} does not exist`);
    return activityView(activity, businessToday(query.tz));
  }

  @Answer(
    'TimeSpentReport',
    'Time spent on activities, by staff member, customer or deal',
    'Minutes spent per staff member, customer or deal over a period (completed and logged activities, on their days where the business is), each named as it is now.',
  )
  @Get('reports/time-spent')
  async timeSpent(@Query() query: TimeSpentQuery) {
    // A period that ends before it starts holds no day: the report is empty.
    const docs = await findAll<TimeSpentDoc>(
      this.store,
      collections.timeSpent,
      {
        by: query.by,
        ...(query.ref ? { ref: query.ref } : {}),
        day: { $gte: query.from, $lte: query.to },
      },
      [['_id', 1]],
    );
    const totals = new Map<string, { minutes: number; activities: number }>();
    for (const d of docs) {
      const t = totals.get(d.ref) ?? { minutes: 0, activities: 0 };
      t.minutes += d.minutes;
      t.activities += d.activities;
      totals.set(d.ref, t);
    }
    // Each row named as the staff member, customer or deal is named now.
    const { collection, nameOf, id } = timeSpentGroups[query.by];
    const named = await this.store.getMany<NamedDoc>(collection, totals.keys());
    const rows = [...totals].sort(([, a], [, b]) => b.minutes - a.minutes);
    return {
      by: query.by,
      from: query.from,
      to: query.to,
      items: rows.map(([ref, t]) => {
        const doc = named.get(ref);
        return { ...id(ref), name: (doc && nameOf(doc)) ?? null, ...t };
      }),
    };
  }
}
