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
