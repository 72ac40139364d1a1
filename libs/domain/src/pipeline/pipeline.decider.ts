import { type PipelineEvent, type PipelineStage } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';

export type PipelineState =
  | { status: 'none' }
  | {
      status: 'defined';
      pipelineId: string;
      name: string;
      stages: PipelineStage[];
      /** No deal is opened, moved or reopened in an archived pipeline; it is not changed. */
      archived: boolean;
    };

export type DefinePipeline = {
  type: 'DefinePipeline';
  pipelineId: string;
  name: string;
  stages: PipelineStage[];
  now: string;
};

type On<T extends string, Rest> = { type: T; pipelineId: string; now: string } & Rest;

export type RenamePipeline = On<'RenamePipeline', { name: string }>;
export type AddStage = On<'AddStage', { stage: PipelineStage; index?: number }>;
export type RenameStage = On<'RenameStage', { stageId: string; name: string }>;
/** `null` clears a setting. */
export type ChangeStageSettings = On<
  'ChangeStageSettings',
  { stageId: string; probability?: number | null; rottingDays?: number | null }
>;
export type ReorderStages = On<'ReorderStages', { stageIds: string[] }>;
/** The handler counts the pipeline's open deals; the decider refuses unless there are none. */
export type ArchivePipeline = On<'ArchivePipeline', { openDeals: number; reason?: string }>;
export type RestorePipeline = On<'RestorePipeline', object>;
/** The handler counts the open deals in the stage; the decider refuses unless there are none. */
export type RemoveStage = On<
  'RemoveStage',
  { stageId: string; openDeals: number; reason?: string }
>;

export type PipelineCommand =
  | DefinePipeline
  | RenamePipeline
  | ArchivePipeline
  | RestorePipeline
  | AddStage
  | RenameStage
  | ChangeStageSettings
  | ReorderStages
  | RemoveStage;

const normalised = (name: string) => name.trim().toLocaleLowerCase();

const checkStages = (stages: PipelineStage[]) => {
  if (stages.length === 0) throw violated('stages-required', 'A pipeline needs at least one stage');
  const names = new Set(stages.map((s) => normalised(s.name)));
  if (names.has('')) throw violated('stage-name-required', 'Every stage needs a name');
  if (names.size !== stages.length)
    throw violated('stage-names-unique', 'Stage names must be unique within a pipeline');
  if (new Set(stages.map((s) => s.stageId)).size !== stages.length)
    throw violated('stage-ids-unique', 'Stage ids must be unique within a pipeline');
  return stages;
};

const stageOf = (stages: PipelineStage[], stageId: string) => {
  const stage = stages.find((s) => s.stageId === stageId);
  if (!stage) throw notFound('stage', stageId);
  return stage;
};

const define = (command: DefinePipeline, state: PipelineState): PipelineEvent[] => {
  if (state.status !== 'none') throw alreadyExists('pipeline', command.pipelineId);
  return [
    {
      type: 'PipelineDefined',
      data: {
        pipelineId: command.pipelineId,
        name: command.name,
        stages: checkStages(command.stages),
        definedAt: command.now,
      },
    },
  ];
};

const rename = (
  command: RenamePipeline,
  state: Extract<PipelineState, { status: 'defined' }>,
): PipelineEvent[] => {
  const name = command.name.trim();
  if (name === '') throw violated('pipeline-name-required', 'A pipeline needs a name');
  if (name === state.name) return [];
  return [
    {
      type: 'PipelineRenamed',
      data: {
        pipelineId: state.pipelineId,
        name,
        previousName: state.name,
        renamedAt: command.now,
      },
    },
  ];
};

type Defined = Extract<PipelineState, { status: 'defined' }>;

const archive = (command: ArchivePipeline, state: Defined): PipelineEvent[] => {
  if (state.archived) return [];
  if (command.openDeals > 0)
    throw violated(
      'pipeline-not-empty',
      `${command.openDeals} open deal(s) are in pipeline ${state.name}; move or close them first`,
    );
  return [
    {
      type: 'PipelineArchived',
      data: {
        pipelineId: state.pipelineId,
        name: state.name,
        ...(command.reason ? { reason: command.reason } : {}),
        archivedAt: command.now,
      },
    },
  ];
};

/** A pipeline deals may be opened, moved or reopened in: defined and not archived. */
export const pipelineInUse = (state: PipelineState, pipelineId: string): Defined => {
  if (state.status === 'none') throw notFound('pipeline', pipelineId);
  if (state.archived)
    throw violated(
      'pipeline-archived',
      `Pipeline ${state.name} is archived: restore it to put deals in it`,
    );
  return state;
};

const change = (
  command: Exclude<
    PipelineCommand,
    DefinePipeline | RenamePipeline | ArchivePipeline | RestorePipeline
  >,
  stages: PipelineStage[],
): PipelineEvent[] => {
  const at = { pipelineId: command.pipelineId, changedAt: command.now };
  switch (command.type) {
    case 'AddStage': {
      const index = Math.min(command.index ?? stages.length, stages.length);
      const next = checkStages([...stages.slice(0, index), command.stage, ...stages.slice(index)]);
      return [{ type: 'StageAdded', data: { ...at, stage: command.stage, index, stages: next } }];
    }
    case 'RenameStage': {
      const stage = stageOf(stages, command.stageId);
      if (stage.name === command.name) return [];
      const next = checkStages(
        stages.map((s) => (s.stageId === command.stageId ? { ...s, name: command.name } : s)),
      );
      return [
        {
          type: 'StageRenamed',
          data: {
            ...at,
            stageId: command.stageId,
            name: command.name,
            previousName: stage.name,
            stages: next,
          },
        },
      ];
    }
    case 'ChangeStageSettings': {
      const stage = stageOf(stages, command.stageId);
      const probability =
        command.probability === undefined ? (stage.probability ?? null) : command.probability;
      const rottingDays =
        command.rottingDays === undefined ? (stage.rottingDays ?? null) : command.rottingDays;
      if (
        probability === (stage.probability ?? null) &&
        rottingDays === (stage.rottingDays ?? null)
      )
        return [];
      const updated: PipelineStage = {
        stageId: stage.stageId,
        name: stage.name,
        ...(rottingDays !== null ? { rottingDays } : {}),
        ...(probability !== null ? { probability } : {}),
      };
      return [
        {
          type: 'StageSettingsChanged',
          data: {
            ...at,
            stageId: stage.stageId,
            probability,
            rottingDays,
            stages: stages.map((s) => (s.stageId === stage.stageId ? updated : s)),
          },
        },
      ];
    }
    case 'ReorderStages': {
      const current = stages.map((s) => s.stageId);
      if (
        command.stageIds.length !== current.length ||
        !current.every((id) => command.stageIds.includes(id))
      )
        throw violated('reorder-all-stages', 'Send every stage of the pipeline exactly once');
      if (command.stageIds.every((id, i) => id === current[i])) return [];
      const next = command.stageIds.map((id) => stageOf(stages, id));
      return [
        { type: 'StagesReordered', data: { ...at, stageIds: command.stageIds, stages: next } },
      ];
    }
    case 'RemoveStage': {
      const stage = stageOf(stages, command.stageId);
      if (command.openDeals > 0)
        throw violated(
          'stage-not-empty',
          `${command.openDeals} open deal(s) are in stage ${stage.name}; move them first`,
        );
      if (stages.length === 1)
        throw violated('stages-required', 'A pipeline needs at least one stage');
      return [
        {
          type: 'StageRemoved',
          data: {
            ...at,
            stageId: stage.stageId,
            name: stage.name,
            ...(command.reason ? { reason: command.reason } : {}),
            stages: stages.filter((s) => s.stageId !== stage.stageId),
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const decide = (command: PipelineCommand, state: PipelineState): PipelineEvent[] => {
  if (command.type === 'DefinePipeline') return define(command, state);
  if (state.status === 'none') throw notFound('pipeline', command.pipelineId);
  if (command.type === 'ArchivePipeline') return archive(command, state);
  if (command.type === 'RestorePipeline')
    return state.archived
      ? [
          {
            type: 'PipelineRestored',
            data: { pipelineId: state.pipelineId, name: state.name, restoredAt: command.now },
          },
        ]
      : [];
  pipelineInUse(state, command.pipelineId);
  if (command.type === 'RenamePipeline') return rename(command, state);
  return change(command, state.stages);
};

const evolve = (state: PipelineState, event: PipelineEvent): PipelineState => {
  if (event.type === 'PipelineDefined') {
    const { pipelineId, name, stages } = event.data;
    return { status: 'defined', pipelineId, name, stages, archived: false };
  }
  if (state.status === 'none') return state;
  if (event.type === 'PipelineRenamed') return { ...state, name: event.data.name };
  if (event.type === 'PipelineArchived') return { ...state, archived: true };
  if (event.type === 'PipelineRestored') return { ...state, archived: false };
  return { ...state, stages: event.data.stages };
};

export const pipelineDecider: Decider<PipelineCommand, PipelineEvent, PipelineState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
