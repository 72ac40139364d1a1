import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { type MonthFacts } from '#read-models';
import { businessToday, IsTimeZone } from '../shared/today';
import { figures, parsePeriod, periodPattern, previousPeriod } from './report-figures';

export class ReportQuery {
  @ApiPropertyOptional({
    description: 'a month `2026-11`, a quarter `2026-Q4` or a year `2026`; default this month',
  })
  @IsOptional()
  @Matches(periodPattern, { message: 'period must be YYYY-MM, YYYY-Qn or YYYY' })
  period?: string;

  @IsTimeZone() tz?: string;
}

/** The period asked for and the one before it, with the months each covers. */
export const periodsOf = (query: ReportQuery) => {
  const current = parsePeriod(query.period ?? businessToday(query.tz).slice(0, 7));
  return { current, previous: previousPeriod(current.period) };
};

/** Figures for the period and the previous one, from month facts of one group. */
export const compare = (
  periods: ReturnType<typeof periodsOf>,
  months: (MonthFacts & { month: string })[],
) => {
  const within = (ms: string[]) => months.filter((m) => ms.includes(m.month));
  return {
    current: figures(within(periods.current.months)),
    previous: figures(within(periods.previous.months)),
  };
};
