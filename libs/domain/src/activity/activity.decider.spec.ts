import { type ActivityEvent } from '#events';
import { specFor } from '../testing';
import { activityDecider, type ScheduleActivity } from './activity.decider';

const now = '2026-03-01T09:00:00.000Z';
const given = specFor(activityDecider);
const schedule: ScheduleActivity = {
  type: 'ScheduleActivity',
  activityId: 'a1',
  customerId: 'c1',
  kind: 'call',
  title: 'Call about the offer',
  timing: { dueOn: '2026-03-03' },
  dealId: 'd1',
  assigneeId: 's1',
  now,
};
const { type: _t, now: _n, ...scheduledData } = schedule;
const scheduled: ActivityEvent = {
  type: 'ActivityScheduled',
  data: { ...scheduledData, scheduledAt: now },
};
const completed: ActivityEvent = {
  type: 'ActivityCompleted',
  data: {
    activityId: 'a1',
    customerId: 'c1',
    outcome: 'agreed',
    minutesSpent: 15,
    completedAt: now,
  },
};
const handOver = {
  type: 'Reassign' as const,
  itemId: 'a1',
  fromStaffId: 's1',
  toStaffId: 's2',
  handOver: true,
  now,
};

describe('ScheduleActivity', () => {
  it('schedules', () => {
    given([]).when(schedule).then([scheduled]);
  });
  it('refuses a meeting that ends before it starts', () => {
    given([])
      .when({
        ...schedule,
        timing: { startsAt: '2026-03-03T10:00:00Z', endsAt: '2026-03-03T09:00:00Z' },
      })
      .thenRejectedWith('ends-before-start');
  });
  it('refuses a second schedule of one activity', () => {
    given([scheduled]).when(schedule).thenRejectedWith('activity-exists');
  });
});

describe('CompleteActivity and CancelActivity', () => {
  it('completes with outcome and minutes', () => {
    given([scheduled])
      .when({
        type: 'CompleteActivity',
        activityId: 'a1',
        outcome: 'agreed',
        minutesSpent: 15,
        now,
      })
      .then([completed]);
  });
  it('cancels', () => {
    given([scheduled])
      .when({ type: 'CancelActivity', activityId: 'a1', reason: 'customer ill', now })
      .then([
        {
          type: 'ActivityCancelled',
          data: { activityId: 'a1', customerId: 'c1', reason: 'customer ill', cancelledAt: now },
        },
      ]);
  });
  it('refuses to cancel a completed activity', () => {
    given([scheduled, completed])
      .when({ type: 'CancelActivity', activityId: 'a1', now })
      .thenRejectedWith('activity-closed');
  });
  it('refuses an unknown activity', () => {
    given([])
      .when({ type: 'CompleteActivity', activityId: 'a1', outcome: 'x', minutesSpent: 1, now })
      .thenRejectedWith('activity-not-found');
  });
});

describe('Reassign an activity', () => {
  it('moves a planned activity in a hand-over', () => {
    given([scheduled])
      .when(handOver)
      .then([
        {
          type: 'ActivityReassigned',
          data: {
            activityId: 'a1',
            customerId: 'c1',
            fromStaffId: 's1',
            toStaffId: 's2',
            handOver: true,
            reassignedAt: now,
          },
        },
      ]);
  });
  it('leaves a completed activity with its assignee in a hand-over', () => {
    given([scheduled, completed]).when(handOver).thenNothingHappened();
  });
  it('moves nothing twice when a hand-over is retried', () => {
    given([
      scheduled,
      {
        type: 'ActivityReassigned',
        data: {
          activityId: 'a1',
          customerId: 'c1',
          fromStaffId: 's1',
          toStaffId: 's2',
          handOver: true,
          reassignedAt: now,
        },
      },
    ])
      .when(handOver)
      .thenNothingHappened();
  });
  it('refuses delegating a completed activity', () => {
    given([scheduled, completed])
      .when({ ...handOver, handOver: false, fromStaffId: undefined })
      .thenRejectedWith('activity-closed');
  });
});

describe('RescheduleActivity', () => {
  it('moves a planned activity, keeping where it was', () => {
    given([scheduled])
      .when({
        type: 'RescheduleActivity',
        activityId: 'a1',
        timing: { dueOn: '2026-03-06' },
        reason: 'customer away',
        now,
      })
      .then([
        {
          type: 'ActivityRescheduled',
          data: {
            activityId: 'a1',
            customerId: 'c1',
            from: { dueOn: '2026-03-03' },
            to: { dueOn: '2026-03-06' },
            reason: 'customer away',
            rescheduledAt: now,
          },
        },
      ]);
  });
  it('records nothing for the same time and refuses a completed activity', () => {
    given([scheduled])
      .when({ type: 'RescheduleActivity', activityId: 'a1', timing: { dueOn: '2026-03-03' }, now })
      .thenNothingHappened();
    given([scheduled, completed])
      .when({ type: 'RescheduleActivity', activityId: 'a1', timing: { dueOn: '2026-03-06' }, now })
      .thenRejectedWith('activity-closed');
  });
});

describe('LogInteraction', () => {
  const log = {
    type: 'LogInteraction' as const,
    activityId: 'a2',
    customerId: 'c1',
    kind: 'meeting' as const,
    summary: 'Walked through the offer',
    minutesSpent: 45,
    occurredAt: '2026-03-01T08:00:00.000Z',
    staffId: 's1',
    now,
  };
  it('records what already happened as a completed activity', () => {
    const { type: _t, now: _n, ...data } = log;
    given([])
      .when(log)
      .then([{ type: 'InteractionLogged', data: { ...data, loggedAt: now } }]);
  });
  it('refuses an interaction in the future and completing it again', () => {
    given([])
      .when({ ...log, occurredAt: '2026-03-02T00:00:00.000Z' })
      .thenRejectedWith('interaction-in-future');
    const { type: _t, now: _n, ...data } = log;
    given([{ type: 'InteractionLogged', data: { ...data, activityId: 'a1', loggedAt: now } }])
      .when({ type: 'CompleteActivity', activityId: 'a1', outcome: 'x', minutesSpent: 1, now })
      .thenRejectedWith('activity-closed');
  });
});

describe('ChangeActivityDetails', () => {
  const change = (changes: {
    title?: string;
    notes?: string | null;
    participants?: { kind: 'staff' | 'contact'; id: string }[];
  }) => ({ type: 'ChangeActivityDetails' as const, activityId: 'a1', changes, now });
  const withNotes: ActivityEvent = {
    type: 'ActivityScheduled',
    data: {
      ...scheduled.data,
      notes: 'bring the price list',
      participants: [{ kind: 'contact', id: 'p1' }],
    },
  };
  type Changed = Extract<ActivityEvent, { type: 'ActivityDetailsChanged' }>['data'];
  const changed = (
    data: Omit<Changed, 'activityId' | 'customerId' | 'changedAt'>,
  ): ActivityEvent => ({
    type: 'ActivityDetailsChanged',
    data: { activityId: 'a1', customerId: 'c1', changedAt: now, ...data },
  });

  it('given a planned activity, when its title is corrected, then the details as they are now and the title it had are recorded', () => {
    given([withNotes])
      .when(change({ title: 'Call about the revised offer' }))
      .then([
        changed({
          title: 'Call about the revised offer',
          previousTitle: 'Call about the offer',
          notes: 'bring the price list',
          participants: [{ kind: 'contact', id: 'p1' }],
          changed: ['title'],
        }),
      ]);
  });
  it('given notes, when they are sent as null, then they are removed', () => {
    given([withNotes])
      .when(change({ notes: null, participants: [] }))
      .then([
        changed({
          title: 'Call about the offer',
          previousTitle: 'Call about the offer',
          participants: [],
          changed: ['notes', 'participants'],
        }),
      ]);
  });
  it('given a correction made before, when the next one starts, then it starts from the corrected details', () => {
    given([
      withNotes,
      changed({
        title: 'Second title',
        previousTitle: 'Call about the offer',
        notes: 'bring the price list',
        participants: [{ kind: 'contact', id: 'p1' }],
        changed: ['title'],
      }),
    ])
      .when(change({ notes: 'and the contract' }))
      .then([
        changed({
          title: 'Second title',
          previousTitle: 'Second title',
          notes: 'and the contract',
          participants: [{ kind: 'contact', id: 'p1' }],
          changed: ['notes'],
        }),
      ]);
  });
  it('given the same details, when they are sent again, then nothing is recorded', () => {
    given([withNotes])
      .when(
        change({
          title: 'Call about the offer',
          notes: 'bring the price list',
          participants: [{ kind: 'contact', id: 'p1' }],
        }),
      )
      .then([]);
  });
  it('given a planned activity, when the title is blank, then it is refused', () => {
    given([withNotes])
      .when(change({ title: '  ' }))
      .thenRejectedWith('title-required');
  });
  it('given a completed activity, when its details are changed, then it is refused', () => {
    given([scheduled, completed])
      .when(change({ title: 'Another' }))
      .thenRejectedWith('activity-closed');
  });
  it('given no activity, when its details are changed, then it is not found', () => {
    given([])
      .when(change({ title: 'Another' }))
      .thenRejectedWith('activity-not-found');
  });
});
