import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { activitiesProjection } from './activities.projection';

const events: Event[] = [
  {
    type: 'ActivityScheduled',
    data: {
      activityId: 'a1',
      customerId: 'c1',
      kind: 'meeting',
      title: 'Kick-off',
      timing: { startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:00:00.000Z' },
      dealId: 'd1',
      assigneeId: 's1',
      scheduledAt: '2026-03-01T09:00:00.000Z',
    },
  },
  {
    type: 'ActivityRescheduled',
    data: {
      activityId: 'a1',
      customerId: 'c1',
      from: { startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:00:00.000Z' },
      to: { dueOn: '2026-03-03' },
      rescheduledAt: '2026-03-01T09:00:00.000Z',
    },
  },
  {
    type: 'ActivityCompleted',
    data: {
      activityId: 'a1',
      customerId: 'c1',
      outcome: 'agreed',
      minutesSpent: 50,
      completedAt: '2026-03-03T12:00:00.000Z',
    },
  },
  {
    type: 'InteractionLogged',
    data: {
      activityId: 'a2',
      customerId: 'c1',
      kind: 'call',
      summary: 'Follow-up call',
      minutesSpent: 10,
      occurredAt: '2026-03-03T15:00:00.000Z',
      staffId: 's1',
      loggedAt: '2026-03-03T15:05:00.000Z',
    },
  },
];

describe('activities projection', () => {
  it('keeps one document per activity, replay-safe', async () => {
    const { once } = await projectAll(
      activitiesProjection,
      storedEvents(events, 's1'),
      collections.activities,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'a1',
        day: '2026-03-03',
        startsAt: null,
        status: 'completed',
        minutesSpent: 50,
        outcome: 'agreed',
        dealId: 'd1',
      }),
      expect.objectContaining({ _id: 'a2', kind: 'call', status: 'completed', day: '2026-03-03' }),
    ]);
  });

  it('adds minutes per staff member and per customer and day, counted once', async () => {
    const { once } = await projectAll(
      activitiesProjection,
      storedEvents(events, 's1'),
      collections.timeSpent,
    );
    expect(once).toEqual([
      expect.objectContaining({ _id: 'customer:c1:2026-03-03', minutes: 60, activities: 2 }),
      expect.objectContaining({ _id: 'staff:s1:2026-03-03', minutes: 60, activities: 2 }),
    ]);
  });

  it('given a meeting with participants, then it is in the calendar of the assignee and of each staff participant, also after a reassignment', async () => {
    const meeting: Event[] = [
      {
        type: 'ActivityScheduled',
        data: {
          activityId: 'm1',
          customerId: 'c1',
          kind: 'meeting',
          title: 'Review',
          timing: { startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:00:00.000Z' },
          participants: [
            { kind: 'staff', id: 's2' },
            { kind: 'contact', id: 'k1' },
          ],
          assigneeId: 's1',
          scheduledAt: '2026-03-01T09:00:00.000Z',
        },
      },
      {
        type: 'ActivityReassigned',
        data: {
          activityId: 'm1',
          customerId: 'c1',
          fromStaffId: 's1',
          toStaffId: 's3',
          handOver: false,
          reassignedAt: '2026-03-01T10:00:00.000Z',
        },
      },
    ];
    const { once } = await projectAll(
      activitiesProjection,
      storedEvents(meeting, 's1'),
      collections.activities,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'm1',
        assigneeId: 's3',
        participants: [
          { kind: 'staff', id: 's2' },
          { kind: 'contact', id: 'k1' },
        ],
        calendar: { s3: true, s2: true },
      }),
    ]);
  });
});
