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

export type PipelineRenamed = Event<
  'PipelineRenamed',
  { pipelineId: string; name: string; previousName: string; renamedAt: string }
>;

/** A pipeline no longer used: no deal is opened, moved or reopened in it; its board stays. */
export type PipelineArchived = Event<
  'PipelineArchived',
  { pipelineId: string; name: string; reason?: string; archivedAt: string }
>;
/** An archived pipeline in use again. */
export type PipelineRestored = Event<
  'PipelineRestored',
  { pipelineId: string; name: string; restoredAt: string }
>;

/** Each stage change carries the pipeline's stages after it, in order. */
type StageChange<Rest> = { pipelineId: string; stages: PipelineStage[]; changedAt: string } & Rest;

export type StageAdded = Event<'StageAdded', StageChange<{ stage: PipelineStage; index: number }>>;
export type StageRenamed = Event<
  'StageRenamed',
  StageChange<{ stageId: string; name: string; previousName: string }>
>;
export type StageSettingsChanged = Event<
  'StageSettingsChanged',
  StageChange<{ stageId: string; probability: number | null; rottingDays: number | null }>
>;
export type StagesReordered = Event<'StagesReordered', StageChange<{ stageIds: string[] }>>;
export type StageRemoved = Event<
  'StageRemoved',
  StageChange<{ stageId: string; name: string; reason?: string }>
>;

export type PipelineEvent =
  | PipelineDefined
  | PipelineRenamed
  | PipelineArchived
  | PipelineRestored
  | StageAdded
  | StageRenamed
  | StageSettingsChanged
  | StagesReordered
  | StageRemoved;
