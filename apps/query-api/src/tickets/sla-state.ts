import { type TicketDoc } from '#read-models';

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'met';

/**
 * Where one target stands now: met or breached once done; while open, at risk in the last
 * quarter of the time it allows, breached after its deadline.
 */
export const slaState = (
  openedAt: string,
  due: string,
  doneAt: string | null,
  now: number,
): SlaState => {
  const deadline = Date.parse(due);
  if (doneAt) return Date.parse(doneAt) <= deadline ? 'met' : 'breached';
  if (now > deadline) return 'breached';
  const allowed = deadline - Date.parse(openedAt);
  return now >= deadline - allowed / 4 ? 'at_risk' : 'on_track';
};

/**
 * Both targets of a ticket at `now`: the first response is met by the first answer the
 * customer had (a response, or a resolution or closing before any); the resolution by the
 * ticket's resolution, or its closing without one (a reopened ticket's target runs again).
 */
export const ticketSlaState = (t: TicketDoc, now: number) => ({
  firstResponse: slaState(
    t.openedAt,
    t.sla.firstResponseDue,
    t.answeredAt ?? t.firstResponseAt,
    now,
  ),
  resolution: slaState(t.openedAt, t.sla.resolutionDue, t.resolvedAt ?? t.closedAt, now),
});
