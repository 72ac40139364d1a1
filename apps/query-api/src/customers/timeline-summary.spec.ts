import { type TimelineEntry } from '#read-models';
import { summarize } from './timeline-summary';

const entry = (type: string, data: Record<string, unknown>): TimelineEntry => ({
  _id: '00000000000000000001',
  eventId: 'e1',
  customerId: 'c1',
  leadId: null,
  position: 1,
  at: '2026-03-01T09:00:00.000Z',
  type,
  group: 'activities',
  actorId: 's1',
  streamId: 'activity-a1',
  data,
});

const names = (timeZone: string) => ({
  stage: () => undefined,
  staff: (id: string) => (id === 's1' ? 'Anna Tamm' : undefined),
  timeZone,
});

describe('timeline summaries', () => {
  const meeting = entry('ActivityScheduled', {
    activityId: 'a1',
    customerId: 'c1',
    kind: 'meeting',
    title: 'Review',
    timing: { startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:30:00.000Z' },
    assigneeId: 's1',
    scheduledAt: '2026-03-01T09:00:00.000Z',
  });

  it('given a meeting, then its times are told in the local time zone, not as UTC instants', () => {
    expect(summarize(meeting, names('Europe/Tallinn'))).toBe(
      'Meeting scheduled for 2026-03-02 12:00–13:30 (Europe/Tallinn): Review, assigned to Anna Tamm',
    );
    expect(summarize(meeting, names('America/New_York'))).toBe(
      'Meeting scheduled for 2026-03-02 05:00–06:30 (America/New_York): Review, assigned to Anna Tamm',
    );
  });

  it('given a profile update whose fields were all erased, then it says so instead of naming none', () => {
    const updated = (changes: Record<string, unknown>) =>
      summarize(
        entry('CustomerProfileUpdated', { customerId: 'c1', changes, updatedAt: meeting.at }),
        names('Europe/Tallinn'),
      );
    expect(updated({ name: 'Kask AS', demographic: { children: 2 } })).toBe(
      'Profile updated: name, children',
    );
    expect(updated({})).toBe('Profile updated: [erased]');
  });

  it('given a task, then its due day as it is', () => {
    expect(
      summarize(
        entry('ActivityScheduled', {
          ...meeting.data,
          kind: 'task',
          timing: { dueOn: '2026-03-05' },
        }),
        names('Europe/Tallinn'),
      ),
    ).toBe('Task scheduled for 2026-03-05: Review, assigned to Anna Tamm');
  });

  it('given a status page shared until just after midnight in Tallinn, then the summary tells that day and time there', () => {
    expect(
      summarize(
        entry('TicketShared', {
          ticketId: 't1',
          customerId: 'c1',
          shareId: 'x1',
          expiresAt: '2026-12-04T22:30:00.000Z',
          sharedAt: '2026-11-20T09:00:00.000Z',
        }),
        names('Europe/Tallinn'),
      ),
    ).toBe('Ticket status page shared with the customer until 2026-12-05 00:30 (Europe/Tallinn)');
  });

  it("given money, then it is told in its currency's own decimals: cents, whole yen", () => {
    const won = (amount: number, currency: string) =>
      summarize(
        entry('DealWon', {
          dealId: 'd1',
          customerId: 'c1',
          value: { amount, currency },
          wonAt: '2026-03-01T09:00:00.000Z',
        }),
        names('Europe/Tallinn'),
      );
    expect(won(120_050, 'EUR')).toBe('Deal won, 1200.50 EUR');
    expect(won(120_000, 'JPY')).toBe('Deal won, 120000 JPY');
  });
});
