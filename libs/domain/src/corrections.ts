/**
 * A correction's value for one detail: left out (undefined) keeps what there is, `null`
 * removes it, a value replaces it.
 */
export const corrected = <T>(given: T | null | undefined, current: T | undefined): T | undefined =>
  given === undefined ? current : (given ?? undefined);

/** The details a correction changed, in the order listed (lists compared by their content). */
export const changedDetails = <K extends string>(
  details: readonly K[],
  before: Readonly<Partial<Record<K, unknown>>>,
  after: Readonly<Partial<Record<K, unknown>>>,
): K[] => details.filter((d) => JSON.stringify(before[d]) !== JSON.stringify(after[d]));
