import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { collections, type MonthFacts, type PipelineDoc } from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { businessToday, IsTimeZone } from '../shared/today';
import {
  type Figures,
  figures,
  parsePeriod,
  periodPattern,
  previousPeriod,
} from './report-figures';

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

/** Every month of the period and of the one before it: what a report reads its facts for. */
export const monthsOf = (periods: ReturnType<typeof periodsOf>) => [
  ...periods.previous.months,
  ...periods.current.months,
];

/** Names the deal stages tickets were opened in (`behaviour.tickets.byPhase`), in place. */
export const nameStages = async (store: ReadStore, ...all: Figures[]) => {
  const pipelines = await findAll<PipelineDoc>(store, collections.pipelines, {});
  const names = new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.stageId, s.name])));
  for (const f of all)
    for (const p of f.behaviour.tickets.byPhase)
      if (p.stageId) p.stage = names.get(p.stageId) ?? null;
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
