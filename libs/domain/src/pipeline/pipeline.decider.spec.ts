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
