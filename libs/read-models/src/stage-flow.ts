/**
 * How deals flow through a pipeline's stages (`GET /pipelines/{id}/flow`): per stage and
 * business month, how often a deal came into the stage and how it left — forward, back, won,
 * lost, to another pipeline — with the time it had spent there.
 */

/** The counts of one stage in one month (id `<pipelineId>:<stageId>:<YYYY-MM>`). */
export type StageFlowMonthDoc = {
  _id: string;
  pipelineId: string;
  stageId: string;
  month: string;
  /** Opened in it, moved or reopened into it, or moved into it from another pipeline. */
  entered?: number;
  /** Moved to a stage after it in the pipeline's order then. */
  advanced?: number;
  /** Moved to a stage before it. */
  movedBack?: number;
  won?: number;
  lost?: number;
  /** Moved to another pipeline. */
  movedOut?: number;
  /** Milliseconds the deals that left it in the month had spent in it, together. */
  msInStage?: number;
};

/** A pipeline as the flow knows it: its stages in order, and the name of every stage it had. */
export type StageFlowPipelineDoc = {
  _id: string;
  name: string;
  stageIds: string[];
  /** Stage names by id, removed stages' included: a month's counts outlive the stage. */
  stageNames: Record<string, string>;
};

/** Where an open deal is and since when; `open: false` once won or lost. */
export type StageFlowDealDoc = {
  _id: string;
  pipelineId: string;
  stageId: string;
  enteredAt: string;
  open: boolean;
};

export const stageFlowMonthId = (pipelineId: string, stageId: string, month: string) =>
  `${pipelineId}:${stageId}:${month}`;
