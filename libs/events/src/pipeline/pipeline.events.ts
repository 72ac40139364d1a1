import { type Event } from '../envelope';

export type PipelineStage = {
  stageId: string;
  name: string;
  rottingDays?: number;
  probability?: number;
};

export type PipelineDefined = Event<
  'PipelineDefined',
  { pipelineId: string; name: string; stages: PipelineStage[]; definedAt: string }
>;

export type PipelineEvent = PipelineDefined;
