/** Today's business day (`YYYY-MM-DD`) in a time zone; undefined for an unknown zone. */
export const todayIn = (timeZone: string, now: Date): string | undefined => {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return undefined;
  }
};
