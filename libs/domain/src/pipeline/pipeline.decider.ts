import { type PipelineEvent, type PipelineStage } from '#events';
import { alreadyExists, type Decider, violated } from '../decider';

export type PipelineState =
  | { status: 'none' }
  | { status: 'defined'; pipelineId: string; name: string; stages: PipelineStage[] };

export type DefinePipeline = {
  type: 'DefinePipeline';
  pipelineId: string;
  name: string;
  stages: PipelineStage[];
  now: string;
};

export type PipelineCommand = DefinePipeline;

const normalised = (name: string) => name.trim().toLocaleLowerCase();

const decide = (command: PipelineCommand, state: PipelineState): PipelineEvent[] => {
  if (state.status !== 'none') throw alreadyExists('pipeline', command.pipelineId);
  if (command.stages.length === 0)
    throw violated('stages-required', 'A pipeline needs at least one stage');
  const names = new Set(command.stages.map((s) => normalised(s.name)));
  if (names.size !== command.stages.length)
    throw violated('stage-names-unique', 'Stage names must be unique within a pipeline');
  if (names.has('')) throw violated('stage-name-required', 'Every stage needs a name');
  if (new Set(command.stages.map((s) => s.stageId)).size !== command.stages.length)
    throw violated('stage-ids-unique', 'Stage ids must be unique within a pipeline');
  return [
    {
      type: 'PipelineDefined',
      data: {
        pipelineId: command.pipelineId,
        name: command.name,
        stages: command.stages,
        definedAt: command.now,
      },
    },
  ];
};

const evolve = (_state: PipelineState, event: PipelineEvent): PipelineState => {
  const { pipelineId, name, stages } = event.data;
  return { status: 'defined', pipelineId, name, stages };
};

export const pipelineDecider: Decider<PipelineCommand, PipelineEvent, PipelineState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
