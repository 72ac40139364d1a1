import { type StageFlowMonthDoc, type StageFlowPipelineDoc } from '#read-models';

/** How deals came into one stage and left it in a period. */
export type StageFlow = {
  /** Times a deal came in: opened in it, moved or reopened into it, moved from another pipeline. */
  entered: number;
  /** Times a deal left it, by where to: the sum of the five after. */
  left: number;
  advanced: number;
  movedBack: number;
  won: number;
  lost: number;
  movedOut: number;
  /** Of the deals that left, the share that went forward or was won; null when none left. */
  advanceRate: number | null;
  /** The days the deals that left had spent in it, on average (one decimal); null when none. */
  averageDaysInStage: number | null;
};

const DAY_MS = 86_400_000;

const flowOf = (months: StageFlowMonthDoc[]): StageFlow => {
  const sum = (field: keyof StageFlowMonthDoc) =>
    months.reduce((total, m) => total + ((m[field] as number | undefined) ?? 0), 0);
  const [advanced, movedBack, won, lost, movedOut] = [
    sum('advanced'),
    sum('movedBack'),
    sum('won'),
    sum('lost'),
    sum('movedOut'),
  ];
  const left = advanced + movedBack + won + lost + movedOut;
  return {
    entered: sum('entered'),
    left,
    advanced,
    movedBack,
    won,
    lost,
    movedOut,
    advanceRate: left === 0 ? null : Math.round(((advanced + won) / left) * 1000) / 1000,
    averageDaysInStage:
      left === 0 ? null : Math.round((sum('msInStage') / left / DAY_MS) * 10) / 10,
  };
};

/**
 * A pipeline's stages in their order now, each with its flow in the period and the one before;
 * stages removed since follow, when deals went through them in either period.
 */
export const pipelineFlow = (
  pipeline: StageFlowPipelineDoc,
  months: StageFlowMonthDoc[],
  periods: { current: string[]; previous: string[] },
) => {
  const asked = new Set([...periods.current, ...periods.previous]);
  const removed = [
    ...new Set(
      months
        .filter((m) => asked.has(m.month) && !pipeline.stageIds.includes(m.stageId))
        .map((m) => m.stageId),
    ),
  ].sort((a, b) => (pipeline.stageNames[a] ?? a).localeCompare(pipeline.stageNames[b] ?? b));
  const stages = [...pipeline.stageIds, ...removed].map((stageId) => {
    const of = (period: string[]) =>
      flowOf(months.filter((m) => m.stageId === stageId && period.includes(m.month)));
    return {
      stageId,
      name: pipeline.stageNames[stageId] ?? stageId,
      removed: !pipeline.stageIds.includes(stageId),
      current: of(periods.current),
      previous: of(periods.previous),
    };
  });
  const closed = (flow: 'current' | 'previous') => {
    const won = stages.reduce((n, s) => n + s[flow].won, 0);
    const lost = stages.reduce((n, s) => n + s[flow].lost, 0);
    return {
      won,
      lost,
      winRate: won + lost === 0 ? null : Math.round((won / (won + lost)) * 1000) / 1000,
    };
  };
  return { stages, current: closed('current'), previous: closed('previous') };
};
