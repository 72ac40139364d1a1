import { type Event } from '#events';
import { collections } from '#read-models';
import { afterMidnightInTallinn, projectAll, storedEvents } from '../projection-testing';
import { portfolioProjection } from './portfolio.projection';

const night: Event[] = [afterMidnightInTallinn.meeting, afterMidnightInTallinn.call];

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
      ['n1', '2026-12-05'],
      ['n2', '2026-12-05'],
    ]);
    expect(await dueDays('UTC')).toEqual([
      ['n1', '2026-12-04'],
      ['n2', '2026-12-04'],
    ]);
  });
});
