import { localDay } from '#domain';

/** Today's business day (`YYYY-MM-DD`) in a time zone; undefined for an unknown zone. */
export const todayIn = (timeZone: string, now: Date): string | undefined => {
  try {
    return localDay(now.getTime(), timeZone);
  } catch {
    return undefined;
  }
};
