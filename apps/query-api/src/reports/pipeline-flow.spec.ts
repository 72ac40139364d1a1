import { type StageFlowMonthDoc } from '#read-models';
import { pipelineFlow } from './pipeline-flow';

const pipeline = {
  _id: 'p',
  name: 'B2B',
  stageIds: ['offer', 'contact'],
  stageNames: { contact: 'Contact', offer: 'Offer', demo: 'Demo' },
};
const month = (
  stageId: string,
  m: string,
  counts: Partial<Omit<StageFlowMonthDoc, '_id' | 'pipelineId' | 'stageId' | 'ownerId' | 'month'>>,
): StageFlowMonthDoc => ({
  _id: `p:${stageId}:anna:${m}`,
  pipelineId: 'p',
  stageId,
  ownerId: 'anna',
  month: m,
  ...counts,
});

describe('pipeline flow figures', () => {
  it('given the months of each stage, then each period sums its own months, with rates and days', () => {
    const flow = pipelineFlow(
      pipeline,
      [
        month('contact', '2026-11', {
          entered: 4,
          advanced: 2,
          lost: 1,
          msInStage: 3 * 86_400_000,
        }),
        month('contact', '2026-12', { entered: 1, movedBack: 1, msInStage: 43_200_000 }),
        month('offer', '2026-12', { entered: 2, won: 1, lost: 1 }),
        month('demo', '2026-11', { entered: 1, movedOut: 1 }),
      ],
      { current: ['2026-12'], previous: ['2026-11'] },
    );
    // The order of the pipeline now; the removed stage after them.
    expect(flow.stages.map((s) => [s.name, s.removed])).toEqual([
      ['Offer', false],
      ['Contact', false],
      ['Demo', true],
    ]);
    expect(flow.stages[1]).toMatchObject({
      current: { entered: 1, left: 1, movedBack: 1, advanceRate: 0, averageDaysInStage: 0.5 },
      previous: {
        entered: 4,
        left: 3,
        advanced: 2,
        lost: 1,
        advanceRate: 0.667,
        averageDaysInStage: 1,
      },
    });
    expect(flow.stages[0]!.previous).toMatchObject({ entered: 0, left: 0, advanceRate: null });
    expect(flow.current).toEqual({ won: 1, lost: 1, winRate: 0.5 });
    expect(flow.previous).toEqual({ won: 0, lost: 1, winRate: 0 });
  });

  it('given a removed stage no deal went through in either period, then it is left out', () => {
    const flow = pipelineFlow(pipeline, [month('demo', '2026-09', { entered: 1 })], {
      current: ['2026-12'],
      previous: ['2026-11'],
    });
    expect(flow.stages.map((s) => s.stageId)).toEqual(['offer', 'contact']);
  });
});
