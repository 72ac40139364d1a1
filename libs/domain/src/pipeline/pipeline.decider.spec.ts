import { type PipelineStage } from '#events';
import { specFor } from '../testing';
import { type DefinePipeline, pipelineDecider } from './pipeline.decider';

const now = '2026-03-01T09:00:00.000Z';
const define: DefinePipeline = {
  type: 'DefinePipeline',
  pipelineId: 'p1',
  name: 'B2B',
  stages: [
    { stageId: 's-a', name: 'Contact', rottingDays: 7 },
    { stageId: 's-b', name: 'Offer', probability: 50 },
  ],
  now,
};
const defined = {
  type: 'PipelineDefined',
  data: { pipelineId: 'p1', name: 'B2B', stages: define.stages, definedAt: now },
} as const;
const spec = specFor(pipelineDecider);

describe('Pipeline', () => {
  it('defines a pipeline with ordered stages', () => {
    spec([]).when(define).then([defined]);
  });
  it('rejects a pipeline without stages', () => {
    spec([])
      .when({ ...define, stages: [] })
      .thenRejectedWith('stages-required');
  });
  it('rejects duplicate stage names, ignoring case and spaces', () => {
    spec([])
      .when({
        ...define,
        stages: [
          { stageId: 'a', name: 'Offer' },
          { stageId: 'b', name: ' offer' },
        ],
      })
      .thenRejectedWith('stage-names-unique');
  });
  it('rejects duplicate stage ids', () => {
    spec([])
      .when({
        ...define,
        stages: [
          { stageId: 'a', name: 'One' },
          { stageId: 'a', name: 'Two' },
        ],
      })
      .thenRejectedWith('stage-ids-unique');
  });
  it('rejects an empty stage name', () => {
    spec([])
      .when({ ...define, stages: [{ stageId: 'a', name: ' ' }] })
      .thenRejectedWith('stage-name-required');
  });
  it('rejects a defined pipeline', () => {
    spec([defined]).when(define).thenRejectedWith('pipeline-exists');
  });
});

describe('stages of a defined pipeline', () => {
  const on = { pipelineId: 'p1', now };
  const [contact, offer] = define.stages as [PipelineStage, PipelineStage];
  const won = { stageId: 's-c', name: 'Contract' };

  it('adds a stage at a position', () => {
    spec([defined])
      .when({ type: 'AddStage', ...on, stage: won, index: 1 })
      .then([
        {
          type: 'StageAdded',
          data: {
            pipelineId: 'p1',
            changedAt: now,
            stage: won,
            index: 1,
            stages: [contact, won, offer],
          },
        },
      ]);
  });
  it('refuses a duplicate stage name', () => {
    spec([defined])
      .when({ type: 'AddStage', ...on, stage: { stageId: 's-x', name: 'offer' } })
      .thenRejectedWith('stage-names-unique');
  });
  it('renames a stage, keeping the previous name', () => {
    spec([defined])
      .when({ type: 'RenameStage', ...on, stageId: 's-b', name: 'Proposal' })
      .then([
        {
          type: 'StageRenamed',
          data: {
            pipelineId: 'p1',
            changedAt: now,
            stageId: 's-b',
            name: 'Proposal',
            previousName: 'Offer',
            stages: [contact, { ...offer, name: 'Proposal' }],
          },
        },
      ]);
  });
  it('changes win probability and rotting days, null clearing one', () => {
    spec([defined])
      .when({
        type: 'ChangeStageSettings',
        ...on,
        stageId: 's-b',
        probability: 60,
        rottingDays: 10,
      })
      .then([
        {
          type: 'StageSettingsChanged',
          data: {
            pipelineId: 'p1',
            changedAt: now,
            stageId: 's-b',
            probability: 60,
            rottingDays: 10,
            stages: [contact, { stageId: 's-b', name: 'Offer', rottingDays: 10, probability: 60 }],
          },
        },
      ]);
    spec([defined])
      .when({ type: 'ChangeStageSettings', ...on, stageId: 's-a', rottingDays: null })
      .then([
        {
          type: 'StageSettingsChanged',
          data: {
            pipelineId: 'p1',
            changedAt: now,
            stageId: 's-a',
            probability: null,
            rottingDays: null,
            stages: [{ stageId: 's-a', name: 'Contact' }, offer],
          },
        },
      ]);
    spec([defined])
      .when({ type: 'ChangeStageSettings', ...on, stageId: 's-b', probability: 50 })
      .thenNothingHappened();
  });
  it('reorders with every stage exactly once', () => {
    spec([defined])
      .when({ type: 'ReorderStages', ...on, stageIds: ['s-b', 's-a'] })
      .then([
        {
          type: 'StagesReordered',
          data: {
            pipelineId: 'p1',
            changedAt: now,
            stageIds: ['s-b', 's-a'],
            stages: [offer, contact],
          },
        },
      ]);
    spec([defined])
      .when({ type: 'ReorderStages', ...on, stageIds: ['s-b'] })
      .thenRejectedWith('reorder-all-stages');
  });
  it('removes a stage only when no open deal is in it', () => {
    spec([defined])
      .when({ type: 'RemoveStage', ...on, stageId: 's-a', openDeals: 2 })
      .thenRejectedWith('stage-not-empty');
    spec([defined])
      .when({ type: 'RemoveStage', ...on, stageId: 's-a', openDeals: 0 })
      .then([
        {
          type: 'StageRemoved',
          data: {
            pipelineId: 'p1',
            changedAt: now,
            stageId: 's-a',
            name: 'Contact',
            stages: [offer],
          },
        },
      ]);
  });
  it('keeps at least one stage and knows only its own stages', () => {
    spec([
      defined,
      {
        type: 'StageRemoved',
        data: {
          pipelineId: 'p1',
          changedAt: now,
          stageId: 's-a',
          name: 'Contact',
          stages: [offer],
        },
      },
    ])
      .when({ type: 'RemoveStage', ...on, stageId: 's-b', openDeals: 0 })
      .thenRejectedWith('stages-required');
    spec([defined])
      .when({ type: 'RenameStage', ...on, stageId: 's-x', name: 'X' })
      .thenRejectedWith('stage-not-found');
    spec([])
      .when({ type: 'RenameStage', ...on, stageId: 's-a', name: 'X' })
      .thenRejectedWith('pipeline-not-found');
  });
});

describe('RenamePipeline', () => {
  const rename = (name: string) =>
    ({ type: 'RenamePipeline', pipelineId: 'p1', name, now }) as const;
  const renamed = {
    type: 'PipelineRenamed',
    data: { pipelineId: 'p1', name: 'Companies', previousName: 'B2B', renamedAt: now },
  } as const;
  it('records the new name, trimmed, with the one it had', () => {
    spec([defined]).when(rename(' Companies ')).then([renamed]);
  });
  it('records nothing for the name it has, and compares with the last name', () => {
    spec([defined, renamed]).when(rename('Companies')).thenNothingHappened();
    spec([defined, renamed])
      .when(rename('B2B'))
      .then([{ ...renamed, data: { ...renamed.data, name: 'B2B', previousName: 'Companies' } }]);
  });
  it('keeps the stages as they are', () => {
    spec([defined, renamed])
      .when({ type: 'RenameStage', pipelineId: 'p1', stageId: 's-a', name: 'Call', now })
      .then([
        {
          type: 'StageRenamed',
          data: {
            pipelineId: 'p1',
            changedAt: now,
            stageId: 's-a',
            name: 'Call',
            previousName: 'Contact',
            stages: [{ ...define.stages[0]!, name: 'Call' }, define.stages[1]!],
          },
        },
      ]);
  });
  it('refuses a blank name and an unknown pipeline', () => {
    spec([defined]).when(rename('  ')).thenRejectedWith('pipeline-name-required');
    spec([]).when(rename('Companies')).thenRejectedWith('pipeline-not-found');
  });
});

describe('ArchivePipeline and RestorePipeline', () => {
  const archived = {
    type: 'PipelineArchived',
    data: { pipelineId: 'p1', name: 'B2B', reason: 'merged into Sales', archivedAt: now },
  } as const;
  const archive = (openDeals: number) => ({
    type: 'ArchivePipeline' as const,
    pipelineId: 'p1',
    openDeals,
    reason: 'merged into Sales',
    now,
  });

  it('given a pipeline without open deals, when it is archived, then its name and the reason are recorded', () => {
    spec([defined]).when(archive(0)).then([archived]);
  });
  it('given open deals in it, when it is archived, then it is refused', () => {
    spec([defined]).when(archive(2)).thenRejectedWith('pipeline-not-empty');
  });
  it('given an archived pipeline, when it is archived again, then nothing is recorded', () => {
    spec([defined, archived]).when(archive(0)).then([]);
  });
  it('given an archived pipeline, when a stage is added or it is renamed, then it is refused', () => {
    spec([defined, archived])
      .when({ type: 'AddStage', pipelineId: 'p1', stage: { stageId: 's-c', name: 'Won' }, now })
      .thenRejectedWith('pipeline-archived');
    spec([defined, archived])
      .when({ type: 'RenamePipeline', pipelineId: 'p1', name: 'Old B2B', now })
      .thenRejectedWith('pipeline-archived');
  });
  it('given an archived pipeline, when it is restored, then it is in use again; restoring one in use records nothing', () => {
    const restored = {
      type: 'PipelineRestored',
      data: { pipelineId: 'p1', name: 'B2B', restoredAt: now },
    } as const;
    spec([defined, archived])
      .when({ type: 'RestorePipeline', pipelineId: 'p1', now })
      .then([restored]);
    spec([defined, archived, restored])
      .when({ type: 'RestorePipeline', pipelineId: 'p1', now })
      .then([]);
    spec([defined, archived, restored])
      .when({ type: 'RenamePipeline', pipelineId: 'p1', name: 'B2B 2027', now })
      .then([
        {
          type: 'PipelineRenamed',
          data: { pipelineId: 'p1', name: 'B2B 2027', previousName: 'B2B', renamedAt: now },
        },
      ]);
  });
});
