import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { customerCategories } from '#events';
import {
  type CategoryMonthDoc,
  type CategoryNowDoc,
  collections,
  type ReportCategory,
} from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { READ_STORE } from '../shared/read-store.provider';
import { compare, periodsOf, ReportQuery } from './reports';

const categories: ReportCategory[] = [...customerCategories, 'uncategorised'];

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

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
        month: { $in: [...periods.previous.months, ...periods.current.months] },
      }),
    ]);
    return {
      period: periods.current.period,
      previousPeriod: periods.previous.period,
      categories: categories.map((category) => {
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
      }),
    };
  }
}
