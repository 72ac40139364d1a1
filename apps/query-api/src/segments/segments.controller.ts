import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsLimit, problem, uuidParam } from '#platform';
import {
  collections,
  type CustomerDoc,
  type CustomerMonthDoc,
  type SegmentDoc,
  consentOf,
  membersOf,
} from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { inUse, IsInUseFilter, PageQuery } from '../shared/query.dto';
import { compare, monthsOf, nameStages, periodsOf, ReportQuery } from '../reports/reports';
import { PositionCache } from '../shared/position-cache';
import { READ_STORE } from '../shared/read-store.provider';
import { byTheMoment, KeptMembers, type Members, rulesAt } from './kept-members';
import { businessToday } from '../shared/today';

export class SegmentsQuery extends PageQuery {
  @IsInUseFilter('retired') status?: 'active' | 'retired';
}

export class MembersQuery {
  @IsLimit(50) limit?: number;

  @ApiPropertyOptional({
    description: 'nextCursor of the previous page; left out or empty: the first page',
  })
  @IsOptional()
  @Matches(/^([0-9a-f-]{36})?$/, { message: 'cursor must be a nextCursor this endpoint gave' })
  cursor?: string;
}

/**
 * A segment's report: its members now and their open deals (kept between questions, see
 * KeptMembers), and their month facts added up for the period and the one before it.
 */
const segmentReport = async (
  store: ReadStore,
  segment: SegmentDoc,
  members: Members,
  periods: ReturnType<typeof periodsOf>,
) => {
  const months = monthsOf(periods);
  // The members' facts in parts of 200 ids, read together: on MongoDB each is a round trip.
  const parts: string[][] = [];
  for (let i = 0; i < members.ids.length; i += 200) parts.push(members.ids.slice(i, i + 200));
  const facts = (
    await Promise.all(
      parts.map((ids) =>
        findAll<CustomerMonthDoc>(store, collections.customerMonths, {
          customerId: { $in: ids },
          month: { $in: months },
        }),
      ),
    )
  ).flat();
  const figures = compare(periods, facts);
  await nameStages(store, figures.current, figures.previous);
  return {
    segmentId: segment._id,
    name: segment.name,
    period: periods.current.period,
    previousPeriod: periods.previous.period,
    customers: members.ids.length,
    openDeals: members.openDeals,
    ...figures,
  };
};

type SegmentReport = Awaited<ReturnType<typeof segmentReport>>;

const segmentView = ({ _id, ...s }: SegmentDoc) => ({ segmentId: _id, ...s });

@ApiTags('segments')
@Controller('segments')
export class SegmentsController {
  private readonly reports: PositionCache<SegmentReport>;
  private readonly kept: KeptMembers;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {
    this.reports = new PositionCache(store);
    this.kept = new KeptMembers(store);
  }

  @Answer('SegmentPage', 'Customer segments')
  @Get()
  async list(@Query() query: SegmentsQuery) {
    const page = await this.store.find<SegmentDoc>(
      collections.segments,
      inUse('retiredAt', query.status),
      pageOptions(query, [['name', 1]]),
    );
    return {
      items: page.items.map(segmentView),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer('SegmentView', 'One segment and its rules')
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const segment = await this.store.get<SegmentDoc>(collections.segments, id);
    if (!segment)
      throw problem(404, 'segment-not-found', 'Not found', `segment ${id} does not exist`);
    return segmentView(segment);
  }

  @Answer(
    'SegmentReport',
    "A segment's figures, this period against the previous",
    "The segment's members now, and what they did in the period and the one before it: new customers, deals, revenue, what they bought — added up from their month facts.",
  )
  @Get(':id/report')
  async report(@Param('id', uuidParam()) id: string, @Query() query: ReportQuery) {
    const segment = await this.segment(id);
    const periods = periodsOf(query);
    const compute = async () =>
      segmentReport(this.store, segment, await this.kept.of(segment), periods);
    // A report whose members depend on the time since the last contact is never kept whole.
    if (byTheMoment(segment.rules)) return compute();
    // Other rules change with the read models or by the day (age bands, purchase windows).
    const key = [id, periods.current.period, businessToday(undefined)].join('\n');
    return this.reports.answer(key, compute);
  }

  private async segment(id: string) {
    const segment = await this.store.get<SegmentDoc>(collections.segments, id);
    if (!segment)
      throw problem(404, 'segment-not-found', 'Not found', `segment ${id} does not exist`);
    return segment;
  }

  @Answer('SegmentMemberPage', 'The customers in a segment now, with their consents')
  @Get(':id/members')
  async members(@Param('id', uuidParam()) id: string, @Query() query: MembersQuery) {
    const segment = await this.segment(id);
    const limit = query.limit ?? 50;
    const members: CustomerDoc[] = [];
    const at = await rulesAt(this.store, segment.rules, Date.now());
    for await (const c of membersOf(this.store, segment.rules, query.cursor, at)) {
      members.push(c);
      if (members.length === limit) break;
    }
    const last = members.length === limit ? members[limit - 1]?._id : undefined;
    return {
      segmentId: id,
      name: segment.name,
      items: members.map((c) => ({
        customerId: c._id,
        name: c.name,
        category: c.category ?? null,
        ownerId: c.ownerId,
        emails: c.emails ?? [],
        consent: consentOf(c),
      })),
      ...(last ? { nextCursor: last } : {}),
    };
  }
}
