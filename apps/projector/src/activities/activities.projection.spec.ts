import { type Event, type Participant } from '#events';
import { collections } from '#read-models';
import { afterMidnightInTallinn, projectAll, storedEvents } from '../projection-testing';
import { activitiesProjection } from './activities.projection';

/** In Tallinn, where a day starts two or three hours before UTC's. */
const projection = activitiesProjection({ timeZone: 'Europe/Tallinn' });

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

/** A meeting of s1 with s2 and a contact person taking part. */
const review = {
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
} satisfies Event;

describe('activities projection', () => {
  it('given a meeting at 00:30 and a call at 01:00 in Tallinn, then both are on that day there — in the calendar and in the time spent — not on the day before as in UTC', async () => {
    const { meeting, call } = afterMidnightInTallinn;
    const night: Event[] = [
      meeting,
      {
        type: 'ActivityCompleted',
        data: {
          activityId: 'n1',
          customerId: 'c1',
          outcome: 'launched',
          minutesSpent: 60,
          completedAt: '2026-12-04T23:30:00.000Z',
        },
      },
      call,
    ];
    const activities = await projectAll(
      projection,
      storedEvents(night, 's1'),
      collections.activities,
    );
    expect(activities.once.map((a) => [a._id, a['day']])).toEqual([
      ['n1', '2026-12-05'],
      ['n2', '2026-12-05'],
    ]);
    const spent = await projectAll(projection, storedEvents(night, 's1'), collections.timeSpent);
    expect(spent.once).toEqual([
      expect.objectContaining({ _id: 'customer:c1:2026-12-05', minutes: 75, activities: 2 }),
      expect.objectContaining({ _id: 'staff:s1:2026-12-05', minutes: 75, activities: 2 }),
    ]);
    const utc = await projectAll(
      activitiesProjection({ timeZone: 'UTC' }),
      storedEvents(night, 's1'),
      collections.activities,
    );
    expect(utc.once.map((a) => a['day'])).toEqual(['2026-12-04', '2026-12-04']);
  });

  it('keeps one document per activity, replay-safe', async () => {
    const { once } = await projectAll(
      projection,
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

  it('adds minutes per staff member, customer and deal and day, counted once', async () => {
    const { once } = await projectAll(
      projection,
      storedEvents(events, 's1'),
      collections.timeSpent,
    );
    // The meeting on deal d1 counts for the deal; the logged call has no deal.
    expect(once).toEqual([
      expect.objectContaining({ _id: 'customer:c1:2026-03-03', minutes: 60, activities: 2 }),
      expect.objectContaining({ _id: 'deal:d1:2026-03-03', minutes: 50, activities: 1 }),
      expect.objectContaining({ _id: 'staff:s1:2026-03-03', minutes: 60, activities: 2 }),
    ]);
  });

  it('given a meeting with participants, then it is in the calendar of the assignee and of each staff participant, also after a reassignment', async () => {
    const meeting: Event[] = [
      review,
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
      projection,
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
      }),
    ]);
    // s3's calendar holds it as its assignee's; s2's by an entry
    const entries = await projectAll(
      projection,
      storedEvents(meeting, 's1'),
      collections.calendarEntries,
    );
    expect(entries.once.map((e) => [e._id, e['staffId']])).toEqual([['s2:m1', 's2']]);
  });

  it('given a meeting moved, its participants changed, reassigned and cancelled, then each staff participant other than the assignee has one entry with its day and status, and those who left have none', async () => {
    const details = (participants: Participant[], at: string): Event => ({
      type: 'ActivityDetailsChanged',
      data: {
        activityId: 'm1',
        customerId: 'c1',
        title: 'Review',
        previousTitle: 'Review',
        participants,
        changed: ['participants'],
        changedAt: at,
      },
    });
    // given a meeting of s1 with s2 taking part
    const meeting: Event[] = [
      { ...review, data: { ...review.data, dealId: 'd1' } },
      // when it moves to another day
      {
        type: 'ActivityRescheduled',
        data: {
          activityId: 'm1',
          customerId: 'c1',
          from: { startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:00:00.000Z' },
          to: { dueOn: '2026-03-05' },
          rescheduledAt: '2026-03-01T10:00:00.000Z',
        },
      },
      // and s2 is replaced by s4
      details([{ kind: 'staff', id: 's4' }], '2026-03-01T11:00:00.000Z'),
      // and s4 takes it over from s1
      {
        type: 'ActivityReassigned',
        data: {
          activityId: 'm1',
          customerId: 'c1',
          fromStaffId: 's1',
          toStaffId: 's4',
          handOver: false,
          reassignedAt: '2026-03-01T12:00:00.000Z',
        },
      },
      // and s1 takes part in it now
      details(
        [
          { kind: 'staff', id: 's4' },
          { kind: 'staff', id: 's1' },
        ],
        '2026-03-01T12:30:00.000Z',
      ),
      // and it is cancelled
      {
        type: 'ActivityCancelled',
        data: { activityId: 'm1', customerId: 'c1', cancelledAt: '2026-03-01T13:00:00.000Z' },
      },
      // and s1 logs a call s6 took part in
      {
        type: 'InteractionLogged',
        data: {
          activityId: 'c9',
          customerId: 'c1',
          kind: 'call',
          summary: 'Called back',
          minutesSpent: 5,
          occurredAt: '2026-03-03T15:00:00.000Z',
          staffId: 's1',
          participants: [{ kind: 'staff', id: 's6' }],
          loggedAt: '2026-03-03T15:05:00.000Z',
        },
      },
    ];
    const { once } = await projectAll(
      projection,
      storedEvents(meeting, 's1'),
      collections.calendarEntries,
    );
    // then the meeting has an entry in s1's calendar, on its new day and cancelled (s4's is the
    // one it is assigned in), the entries of s2 and s4 are in no one's calendar (kept, so that a
    // replay keeps them out), and the call has one in s6's
    expect(once).toEqual([
      expect.objectContaining({
        _id: 's1:m1',
        staffId: 's1',
        activityId: 'm1',
        day: '2026-03-05',
        status: 'cancelled',
        kind: 'meeting',
        customerId: 'c1',
        dealId: 'd1',
        ticketId: null,
      }),
      expect.objectContaining({ _id: 's2:m1', staffId: null }),
      expect.objectContaining({ _id: 's4:m1', staffId: null }),
      expect.objectContaining({
        _id: 's6:c9',
        staffId: 's6',
        activityId: 'c9',
        day: '2026-03-03',
        status: 'completed',
        kind: 'call',
        dealId: null,
      }),
    ]);
  });

  it('given a meeting with a colleague completed, then the entry in their calendar says so, and an activity of its assignee alone has none', async () => {
    const { once } = await projectAll(
      projection,
      storedEvents(
        [
          review,
          ...events,
          {
            type: 'ActivityCompleted',
            data: {
              activityId: 'm1',
              customerId: 'c1',
              outcome: 'agreed',
              minutesSpent: 30,
              completedAt: '2026-03-02T11:00:00.000Z',
            },
          },
        ],
        's1',
      ),
      collections.calendarEntries,
    );
    expect(once.map((e) => [e._id, e['staffId'], e['day'], e['status']])).toEqual([
      ['s2:m1', 's2', '2026-03-02', 'completed'],
    ]);
  });
});
