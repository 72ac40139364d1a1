/**
 * How deals flow through a pipeline's stages (`GET /pipelines/{id}/flow`): per stage and
 * business month, how often a deal came into the stage and how it left — forward, back, won,
 * lost, to another pipeline — with the time it had spent there.
 */

/**
 * The counts of one stage for one owner in one month (id `<pipelineId>:<stageId>:<ownerId>:<YYYY-MM>`):
 * a step counts for the deal's owner when it happened.
 */
export type StageFlowMonthDoc = {
  _id: string;
  pipelineId: string;
  stageId: string;
  ownerId: string;
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

/** Where an open deal is, since when and whose it is; `open: false` once won or lost. */
export type StageFlowDealDoc = {
  _id: string;
  pipelineId: string;
  stageId: string;
  ownerId: string;
  enteredAt: string;
  open: boolean;
};

export const stageFlowMonthId = (
  pipelineId: string,
  stageId: string,
  ownerId: string,
  month: string,
) => `${pipelineId}:${stageId}:${ownerId}:${month}`;
