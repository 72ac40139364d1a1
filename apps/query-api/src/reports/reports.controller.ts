import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { customerCategories } from '#events';
import {
  type BoardStageDoc,
  type CustomerDoc,
  type CustomerMonthDoc,
  type PipelineDoc,
  type CategoryMonthDoc,
  type CategoryNowDoc,
  collections,
  type LeadSourceMonthDoc,
  type ReportCategory,
} from '#read-models';
import { type Filter, findAll, type ReadStore } from '#read-store';
import { AsNumber } from '#platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { businessToday, businessZone, IsTimeZone } from '../shared/today';
import { forecastDeals, forecastFigures, forecastPeriods, periodOf } from './forecast';
import { groupFields, type Grouping, groupings, groupOf } from './groups';
import { READ_STORE } from '../shared/read-store.provider';
import { compare, monthsOf, nameStages, periodsOf, ReportQuery } from './reports';
import { parsePeriod } from './report-figures';
import { leadSourceFunnels } from './lead-sources';

const categories: ReportCategory[] = [...customerCategories, 'uncategorised'];

const forecastPeriod = /^[1-9]\d{3}-((0[1-9]|1[0-2])|Q[1-4])$/;

export class ForecastQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: ['month', 'quarter'], default: 'month' })
  @IsOptional()
  @IsIn(['month', 'quarter'])
  by?: 'month' | 'quarter';
  @ApiPropertyOptional({
    description:
      'The first period ahead: `2026-11` by month, `2026-Q4` by quarter; default the current one',
  })
  @IsOptional()
  @Matches(forecastPeriod, { message: 'from must be YYYY-MM or YYYY-Qn' })
  from?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 12, default: 3, description: 'Periods ahead' })
  @IsOptional()
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(12)
  periods?: number;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 12,
    default: 3,
    description: 'Past periods whose forecasts are compared with what happened',
  })
  @IsOptional()
  @AsNumber()
  @IsInt()
  @Min(0)
  @Max(12)
  past?: number;
  @IsTimeZone() tz?: string;
}

export class GroupReportQuery extends ReportQuery {
  @ApiProperty({
    enum: groupings,
    description:
      'county or city (of the first address; city: the home city first), ageBand (on the last day of the period) or familyStatus',
  })
  @IsIn(groupings)
  by!: Grouping;
}

/** Per currency: this period's amount less the previous one's. */
const difference = (a: Record<string, number>, b: Record<string, number>) => {
  const out: Record<string, number> = {};
  for (const c of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
    out[c] = (a[c] ?? 0) - (b[c] ?? 0);
  return out;
};

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'GroupReport',
    'Sales by region (county, city) or demographic group (age band, family status), against the previous period',
    "Each group's customers now and, for the period and the one before it, new customers, deals opened, won and lost, value won, invoiced and paid, with the change; customers the profile says nothing about count as `unknown`.",
  )
  @Get('groups')
  async groups(@Query() query: GroupReportQuery) {
    const periods = periodsOf(query);
    const [year = 0, month = 1] = (periods.current.months.at(-1) ?? '').split('-').map(Number);
    const lastDay = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const customers = await findAll<CustomerDoc>(
      this.store,
      collections.customers,
      {},
      [],
      groupFields,
    );
    const groupBy = new Map<string, string>();
    const spellings = new Map<string, Map<string, number>>();
    const counts = new Map<string, number>();
    for (const c of customers) {
      if (c.status === 'archived') continue;
      const name = groupOf(c, query.by, lastDay);
      const key = name.toLocaleLowerCase('et');
      const seen = spellings.get(key) ?? new Map<string, number>();
      seen.set(name, (seen.get(name) ?? 0) + 1);
      spellings.set(key, seen);
      groupBy.set(c._id, key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // A group is named as most of its customers write it (capitalised, when as many do).
    const capitals = (name: string) => name.replace(/[^\p{Lu}]/gu, '').length;
    const names = new Map(
      [...spellings.entries()].map(([key, seen]) => [
        key,
        [...seen.entries()].sort(
          ([a, n], [b, m]) => m - n || capitals(b) - capitals(a) || a.localeCompare(b),
        )[0]![0],
      ]),
    );
    const months = await findAll<CustomerMonthDoc>(this.store, collections.customerMonths, {
      month: { $in: monthsOf(periods) },
    });
    const facts = new Map<string, CustomerMonthDoc[]>();
    for (const m of months) {
      const key = groupBy.get(m.customerId);
      if (key !== undefined) (facts.get(key) ?? facts.set(key, []).get(key)!).push(m);
    }
    const groups = [...names.entries()]
      .map(([key, group]) => {
        const { current, previous } = compare(periods, facts.get(key) ?? []);
        return {
          group,
          customers: counts.get(key) ?? 0,
          current,
          previous,
          change: {
            newCustomers: current.newCustomers - previous.newCustomers,
            dealsOpened: current.dealsOpened - previous.dealsOpened,
            won: current.won - previous.won,
            lost: current.lost - previous.lost,
            wonValue: difference(current.wonValue, previous.wonValue),
            invoiced: difference(current.invoiced, previous.invoiced),
            paid: difference(current.paid, previous.paid),
          },
        };
      })
      .sort((a, b) => b.customers - a.customers || a.group.localeCompare(b.group));
    await nameStages(this.store, ...groups.flatMap((g) => [g.current, g.previous]));
    return {
      by: query.by,
      period: periods.current.period,
      previousPeriod: periods.previous.period,
      groups,
    };
  }

  @Answer(
    'ForecastReport',
    'Sales forecast: open and weighted value by expected month or quarter, next to what was won',
    "For each period ahead: the open deals expected to close in it (`POST /deals/{id}/expected-close`), their value and their value weighted by the stage's win probability, next to what was won in it, in total and per owner; open deals with no expected day; and for past periods, how the first forecast made for each deal turned out (won in the period, earlier, later, lost, still open) with the hit rate.",
  )
  @Get('forecast')
  async forecast(@Query() query: ForecastQuery) {
    const by = query.by ?? 'month';
    // A month asked for by quarter is its quarter; a quarter asked for by month, its first month.
    const asked = query.from ?? businessToday(query.tz).slice(0, 7);
    const from = periodOf(parsePeriod(asked).months[0]!, by);
    const filter: Filter = {
      ...(query.pipelineId ? { pipelineId: query.pipelineId } : {}),
      ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    };
    const periods = forecastPeriods(from, query.periods ?? 3, query.past ?? 3);
    const [deals, pipelines, stages] = await Promise.all([
      forecastDeals(this.store, filter, periods),
      findAll<PipelineDoc>(
        this.store,
        collections.pipelines,
        query.pipelineId ? { _id: query.pipelineId } : {},
      ),
      findAll<BoardStageDoc>(this.store, collections.boardStages, filter),
    ]);
    return {
      by,
      pipelineId: query.pipelineId ?? null,
      ownerId: query.ownerId ?? null,
      ...forecastFigures(deals, pipelines, periods, by, businessZone(query.tz), stages),
    };
  }

  @Answer(
    'CategoryReport',
    'Customers, deals and money by category (potential … TOP), this period against the previous',
    'Each category: its customers and open deals now, and for the period and the one before it, what happened — facts count towards the category the customer had at the time.',
  )
  @Get('categories')
  async categories(@Query() query: ReportQuery) {
    const periods = periodsOf(query);
    const [now, months] = await Promise.all([
      findAll<CategoryNowDoc>(this.store, collections.categoryNow, {}),
      findAll<CategoryMonthDoc>(this.store, collections.categoryMonths, {
        month: { $in: monthsOf(periods) },
      }),
    ]);
    const rows = categories.map((category) => {
      const gauge = now.find((d) => d._id === category);
      return {
        category,
        customers: gauge?.customers ?? 0,
        openDeals: gauge?.openDeals ?? 0,
        ...compare(
          periods,
          months.filter((m) => m.category === category),
        ),
      };
    });
    await nameStages(this.store, ...rows.flatMap((r) => [r.current, r.previous]));
    return {
      period: periods.current.period,
      previousPeriod: periods.previous.period,
      categories: rows,
    };
  }

  @Answer(
    'LeadSourceReport',
    'Where customers come from: the leads of each source in a period and what became of them',
    "Each lead source whose leads came in the period or the one before (compared without case): for the leads created in each period, what has become of them so far — still open, qualified, disqualified, converted (the share, and the days it took on average), and the deals made from them that stand won (with what they were won for, per currency) or lost; then all sources together. An outcome counts for the period its lead came in, whenever it happened: a period's figures grow as its leads are worked.",
  )
  @Get('lead-sources')
  async leadSources(@Query() query: ReportQuery) {
    const periods = periodsOf(query);
    const months = await findAll<LeadSourceMonthDoc>(this.store, collections.leadSourceMonths, {
      month: { $in: monthsOf(periods) },
    });
    return {
      period: periods.current.period,
      previousPeriod: periods.previous.period,
      ...leadSourceFunnels(months, {
        current: periods.current.months,
        previous: periods.previous.months,
      }),
    };
  }
}
