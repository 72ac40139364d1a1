import { type DealEvent } from '#events';
import { specFor } from '../testing';
import { dealDecider, type OpenDeal } from './deal.decider';

const now = '2026-03-01T09:00:00.000Z';
const pipeline = { pipelineId: 'p1', stageIds: ['s-a', 's-b', 's-c'] };
const value = { amount: 150000, currency: 'EUR' };
const openDeal: OpenDeal = {
  type: 'OpenDeal',
  dealId: 'd1',
  customerId: 'c1',
  pipeline,
  title: 'Website',
  value,
  ownerId: 's1',
  now,
};
const opened: DealEvent = {
  type: 'DealOpened',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    pipelineId: 'p1',
    stageId: 's-a',
    title: 'Website',
    value,
    ownerId: 's1',
    openedAt: now,
  },
};
const moved: DealEvent = {
  type: 'DealStageMoved',
  data: { dealId: 'd1', customerId: 'c1', fromStageId: 's-a', toStageId: 's-b', movedAt: now },
};
const won: DealEvent = {
  type: 'DealWon',
  data: { dealId: 'd1', customerId: 'c1', value, wonAt: now },
};
const lost: DealEvent = {
  type: 'DealLost',
  data: { dealId: 'd1', customerId: 'c1', reason: 'price', lostAt: now },
};
const move = { type: 'MoveDealStage', dealId: 'd1', stageId: 's-b', pipeline, now } as const;
const spec = specFor(dealDecider);

describe('Deal', () => {
  describe('OpenDeal', () => {
    it('opens in the first stage by default', () => {
      spec([]).when(openDeal).then([opened]);
    });
    it('opens in a chosen stage', () => {
      spec([])
        .when({ ...openDeal, stageId: 's-c' })
        .then([{ type: 'DealOpened', data: { ...opened.data, stageId: 's-c' } }]);
    });
    it('rejects a stage outside the pipeline', () => {
      spec([])
        .when({ ...openDeal, stageId: 'x' })
        .thenRejectedWith('stage-not-in-pipeline');
    });
    it('rejects a negative value', () => {
      spec([])
        .when({ ...openDeal, value: { amount: -1, currency: 'EUR' } })
        .thenRejectedWith('value-not-negative');
    });
    it('rejects an existing deal', () => {
      spec([opened]).when(openDeal).thenRejectedWith('deal-exists');
    });
  });

  describe('MoveDealStage', () => {
    it('moves an open deal', () => {
      spec([opened]).when(move).then([moved]);
    });
    it('does nothing when the deal is already in the stage', () => {
      spec([opened, moved]).when(move).thenNothingHappened();
    });
    it('rejects a stage of another pipeline', () => {
      spec([opened])
        .when({ ...move, stageId: 'elsewhere' })
        .thenRejectedWith('stage-not-in-pipeline');
    });
    it('rejects a won deal', () => {
      spec([opened, won]).when(move).thenRejectedWith('deal-closed');
    });
    it('rejects a lost deal', () => {
      spec([opened, lost]).when(move).thenRejectedWith('deal-closed');
    });
    it('rejects an unknown deal', () => {
      spec([]).when(move).thenRejectedWith('deal-not-found');
    });
  });

  describe('ScheduleNextAction', () => {
    const schedule = {
      type: 'ScheduleNextAction',
      dealId: 'd1',
      dueOn: '2026-03-05',
      description: 'Call back',
    } as const;
    it('schedules the next action', () => {
      spec([opened])
        .when(schedule)
        .then([
          {
            type: 'DealNextActionScheduled',
            data: { dealId: 'd1', customerId: 'c1', dueOn: '2026-03-05', description: 'Call back' },
          },
        ]);
    });
    it('needs a description', () => {
      spec([opened])
        .when({ ...schedule, description: '' })
        .thenRejectedWith('description-required');
    });
    it('rejects a closed deal', () => {
      spec([opened, won]).when(schedule).thenRejectedWith('deal-closed');
    });
  });

  describe('WinDeal', () => {
    it('wins an open deal with its value', () => {
      spec([opened, moved]).when({ type: 'WinDeal', dealId: 'd1', now }).then([won]);
    });
    it('rejects a won deal', () => {
      spec([opened, won])
        .when({ type: 'WinDeal', dealId: 'd1', now })
        .thenRejectedWith('deal-closed');
    });
    it('rejects an unknown deal', () => {
      spec([]).when({ type: 'WinDeal', dealId: 'd1', now }).thenRejectedWith('deal-not-found');
    });
  });

  describe('LoseDeal', () => {
    it('loses an open deal with a reason', () => {
      spec([opened]).when({ type: 'LoseDeal', dealId: 'd1', reason: 'price', now }).then([lost]);
    });
    it('needs a reason', () => {
      spec([opened])
        .when({ type: 'LoseDeal', dealId: 'd1', reason: '', now })
        .thenRejectedWith('reason-required');
    });
    it('rejects a won deal', () => {
      spec([opened, won])
        .when({ type: 'LoseDeal', dealId: 'd1', reason: 'x', now })
        .thenRejectedWith('deal-closed');
    });
  });

  describe('ReopenDeal', () => {
    it('reopens a lost deal in the stage it was in', () => {
      spec([opened, moved, lost])
        .when({ type: 'ReopenDeal', dealId: 'd1', now })
        .then([
          {
            type: 'DealReopened',
            data: { dealId: 'd1', customerId: 'c1', stageId: 's-b', reopenedAt: now },
          },
        ]);
    });
    it('lets a reopened deal move again', () => {
      const reopened: DealEvent = {
        type: 'DealReopened',
        data: { dealId: 'd1', customerId: 'c1', stageId: 's-a', reopenedAt: now },
      };
      spec([opened, won, reopened]).when(move).then([moved]);
    });
    it('rejects an open deal', () => {
      spec([opened]).when({ type: 'ReopenDeal', dealId: 'd1', now }).thenRejectedWith('deal-open');
    });
  });
});

describe('Reassign a deal', () => {
  const handOver = {
    type: 'Reassign' as const,
    itemId: 'd1',
    fromStaffId: 's1',
    toStaffId: 's2',
    handOver: true,
    now: '2026-03-05T09:00:00.000Z',
  };
  const openedBy = (ownerId: string): DealEvent => ({
    type: 'DealOpened',
    data: {
      dealId: 'd1',
      customerId: 'c1',
      pipelineId: 'p1',
      stageId: 'st1',
      title: 'Deal',
      value: { amount: 100, currency: 'EUR' },
      ownerId,
      openedAt: '2026-03-01T09:00:00.000Z',
    },
  });
  it('moves an open deal of the leaving member', () => {
    specFor(dealDecider)([openedBy('s1')])
      .when(handOver)
      .then([
        {
          type: 'DealReassigned',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            fromStaffId: 's1',
            toStaffId: 's2',
            handOver: true,
            reassignedAt: handOver.now,
          },
        },
      ]);
  });
  it('leaves a deal someone else owns', () => {
    specFor(dealDecider)([openedBy('s3')])
      .when(handOver)
      .thenNothingHappened();
  });
  it('leaves a won deal with its original owner', () => {
    specFor(dealDecider)([
      openedBy('s1'),
      {
        type: 'DealWon',
        data: {
          dealId: 'd1',
          customerId: 'c1',
          value: { amount: 100, currency: 'EUR' },
          wonAt: handOver.now,
        },
      },
    ])
      .when(handOver)
      .thenNothingHappened();
  });
  it('refuses assigning a lost deal to someone else', () => {
    specFor(dealDecider)([
      openedBy('s1'),
      {
        type: 'DealLost',
        data: { dealId: 'd1', customerId: 'c1', reason: 'price', lostAt: handOver.now },
      },
    ])
      .when({ ...handOver, handOver: false })
      .thenRejectedWith('deal-closed');
  });
});

describe('MoveDealToPipeline', () => {
  const now = '2026-03-05T09:00:00.000Z';
  const opened: DealEvent = {
    type: 'DealOpened',
    data: {
      dealId: 'd1',
      customerId: 'c1',
      pipelineId: 'p1',
      stageId: 'st1',
      title: 'Deal',
      value: { amount: 100, currency: 'EUR' },
      ownerId: 's1',
      openedAt: now,
    },
  };
  const target = { pipelineId: 'p2', stageIds: ['x1', 'x2'] };
  it('moves an open deal into the first or the given stage of another pipeline', () => {
    specFor(dealDecider)([opened])
      .when({ type: 'MoveDealToPipeline', dealId: 'd1', pipeline: target, stageId: 'x2', now })
      .then([
        {
          type: 'DealMovedToPipeline',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            fromPipelineId: 'p1',
            fromStageId: 'st1',
            toPipelineId: 'p2',
            toStageId: 'x2',
            movedAt: now,
          },
        },
      ]);
  });
  it('refuses the same pipeline, a foreign stage and a closed deal', () => {
    specFor(dealDecider)([opened])
      .when({
        type: 'MoveDealToPipeline',
        dealId: 'd1',
        pipeline: { pipelineId: 'p1', stageIds: ['st1'] },
        now,
      })
      .thenRejectedWith('same-pipeline');
    specFor(dealDecider)([opened])
      .when({ type: 'MoveDealToPipeline', dealId: 'd1', pipeline: target, stageId: 'st1', now })
      .thenRejectedWith('stage-not-in-pipeline');
    specFor(dealDecider)([
      opened,
      { type: 'DealLost', data: { dealId: 'd1', customerId: 'c1', reason: 'x', lostAt: now } },
    ])
      .when({ type: 'MoveDealToPipeline', dealId: 'd1', pipeline: target, now })
      .thenRejectedWith('deal-closed');
  });
});

describe('next action from activities', () => {
  const now = '2026-03-05T09:00:00.000Z';
  const opened: DealEvent = {
    type: 'DealOpened',
    data: {
      dealId: 'd1',
      customerId: 'c1',
      pipelineId: 'p1',
      stageId: 'st1',
      title: 'Deal',
      value: { amount: 100, currency: 'EUR' },
      ownerId: 's1',
      openedAt: now,
    },
  };
  const next = (activityId: string, dueOn: string): DealEvent => ({
    type: 'DealNextActionScheduled',
    data: { dealId: 'd1', customerId: 'c1', dueOn, description: `call ${activityId}`, activityId },
  });
  const propose = (activityId: string, dueOn: string) => ({
    type: 'ScheduleNextAction' as const,
    dealId: 'd1',
    dueOn,
    description: `call ${activityId}`,
    activityId,
  });
  it('makes a scheduled activity the next action when there is none or it is earlier', () => {
    specFor(dealDecider)([opened])
      .when(propose('a1', '2026-03-10'))
      .then([next('a1', '2026-03-10')]);
    specFor(dealDecider)([opened, next('a1', '2026-03-10')])
      .when(propose('a2', '2026-03-08'))
      .then([next('a2', '2026-03-08')]);
    specFor(dealDecider)([opened, next('a1', '2026-03-10')])
      .when(propose('a2', '2026-03-12'))
      .thenNothingHappened();
  });
  it('follows its own activity when it is rescheduled later', () => {
    specFor(dealDecider)([opened, next('a1', '2026-03-10')])
      .when(propose('a1', '2026-03-15'))
      .then([next('a1', '2026-03-15')]);
  });
  it('clears the next action when its activity is done, and only then', () => {
    specFor(dealDecider)([opened, next('a1', '2026-03-10')])
      .when({
        type: 'ClearNextAction',
        dealId: 'd1',
        activityId: 'a1',
        reason: 'done: agreed',
        now,
      })
      .then([
        {
          type: 'DealNextActionCleared',
          data: {
            dealId: 'd1',
            customerId: 'c1',
            activityId: 'a1',
            reason: 'done: agreed',
            clearedAt: now,
          },
        },
      ]);
    specFor(dealDecider)([opened, next('a1', '2026-03-10')])
      .when({ type: 'ClearNextAction', dealId: 'd1', activityId: 'a2', reason: 'done', now })
      .thenNothingHappened();
  });
});

describe('RenameDeal', () => {
  const rename = (title: string) => ({ type: 'RenameDeal', dealId: 'd1', title, now }) as const;
  const renamed: DealEvent = {
    type: 'DealRenamed',
    data: {
      dealId: 'd1',
      customerId: 'c1',
      title: 'Web shop',
      previousTitle: 'Website',
      renamedAt: now,
    },
  };
  it('records the new title with the one it had, trimmed', () => {
    specFor(dealDecider)([opened]).when(rename('  Web shop ')).then([renamed]);
  });
  it('renames a closed deal too, and compares with the last title', () => {
    specFor(dealDecider)([opened, renamed, won])
      .when(rename('Website'))
      .then([
        { ...renamed, data: { ...renamed.data, title: 'Website', previousTitle: 'Web shop' } },
      ]);
  });
  it('records nothing for the title it has', () => {
    specFor(dealDecider)([opened, renamed]).when(rename('Web shop')).thenNothingHappened();
  });
  it('refuses a blank title and an unknown deal', () => {
    specFor(dealDecider)([opened]).when(rename('  ')).thenRejectedWith('title-required');
    specFor(dealDecider)([]).when(rename('Web shop')).thenRejectedWith('deal-not-found');
  });
});
