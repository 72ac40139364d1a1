import { type TicketDoc } from '#read-models';
import { slaState, ticketSlaState } from './sla-state';

const opened = '2026-03-01T08:00:00.000Z';
const due = '2026-03-01T12:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('slaState', () => {
  it('is on track, then at risk in the last quarter, then breached', () => {
    expect(slaState(opened, due, null, at('2026-03-01T10:00:00.000Z'))).toBe('on_track');
    expect(slaState(opened, due, null, at('2026-03-01T11:00:00.000Z'))).toBe('at_risk');
    expect(slaState(opened, due, null, at('2026-03-01T12:00:01.000Z'))).toBe('breached');
  });
  it('is met or breached once done, whatever the time now', () => {
    expect(slaState(opened, due, '2026-03-01T11:59:00.000Z', at('2026-03-09T00:00:00.000Z'))).toBe(
      'met',
    );
    expect(slaState(opened, due, '2026-03-01T12:30:00.000Z', at('2026-03-01T12:30:00.000Z'))).toBe(
      'breached',
    );
  });
});

describe('ticketSlaState', () => {
  const ticket = (fields: Partial<TicketDoc>): TicketDoc => ({
    _id: 't1',
    customerId: 'c1',
    subject: 'Broken',
    description: null,
    channel: 'email',
    priority: 'urgent',
    classification: null,
    assigneeId: 's1',
    status: 'open',
    openedAt: opened,
    sla: { firstResponseDue: '2026-03-01T09:00:00.000Z', resolutionDue: due },
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    sharedUntil: null,
    customerViewedAt: null,
    ...fields,
  });
  const later = at('2026-03-09T00:00:00.000Z');

  it('given a ticket resolved before any response, then the resolution answered it in time', () => {
    const resolved = ticket({
      status: 'resolved',
      resolvedAt: '2026-03-01T08:30:00.000Z',
      answeredAt: '2026-03-01T08:30:00.000Z',
    });
    expect(ticketSlaState(resolved, later)).toEqual({ firstResponse: 'met', resolution: 'met' });
  });
  it('given it reopened, then the first answer still counts and the resolution runs again', () => {
    const reopened = ticket({ answeredAt: '2026-03-01T08:30:00.000Z' });
    expect(ticketSlaState(reopened, later)).toEqual({
      firstResponse: 'met',
      resolution: 'breached',
    });
  });
  it('given a ticket closed without a resolution, then both targets end with the closing', () => {
    const closed = ticket({
      status: 'closed',
      closedAt: '2026-03-01T10:00:00.000Z',
      answeredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(ticketSlaState(closed, later)).toEqual({ firstResponse: 'breached', resolution: 'met' });
  });
  it('given no answer yet, then the first-response target runs on', () => {
    expect(ticketSlaState(ticket({}), at('2026-03-01T08:10:00.000Z'))).toEqual({
      firstResponse: 'on_track',
      resolution: 'on_track',
    });
  });
});
