/** `day` moved by `days` calendar days (`YYYY-MM-DD`, UTC arithmetic). */
export const shiftDay = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Today in UTC moved by `offset` days. */
export const day = (offset = 0): string =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
