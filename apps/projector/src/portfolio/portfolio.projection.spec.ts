import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { portfolioProjection } from './portfolio.projection';

// 00:30 on 5 December in Tallinn (UTC+2), still 4 December in UTC.
const night: Event[] = [
  {
    type: 'ActivityScheduled',
    data: {
      activityId: 'a1',
      customerId: 'c1',
      kind: 'meeting',
      title: 'Night launch',
      timing: { startsAt: '2026-12-04T22:30:00.000Z', endsAt: '2026-12-04T23:30:00.000Z' },
      assigneeId: 's1',
      scheduledAt: '2026-12-01T09:00:00.000Z',
    },
  },
  {
    type: 'InteractionLogged',
    data: {
      activityId: 'a2',
      customerId: 'c1',
      kind: 'call',
      summary: 'Late call',
      minutesSpent: 15,
      occurredAt: '2026-12-04T23:00:00.000Z',
      staffId: 's1',
      loggedAt: '2026-12-04T23:20:00.000Z',
    },
  },
];

const dueDays = async (timeZone: string) => {
  const { once } = await projectAll(
    portfolioProjection({ timeZone }),
    storedEvents(night, 's1'),
    collections.portfolio,
  );
  return once.map((d) => [d['itemId'], d['dueOn']]);
};

describe('portfolio projection', () => {
  it('given a meeting and a call just after midnight in Tallinn, then the portfolio dates them on that day there, not on the day before as in UTC', async () => {
    expect(await dueDays('Europe/Tallinn')).toEqual([
      ['a1', '2026-12-05'],
      ['a2', '2026-12-05'],
    ]);
    expect(await dueDays('UTC')).toEqual([
      ['a1', '2026-12-04'],
      ['a2', '2026-12-04'],
    ]);
  });
});
