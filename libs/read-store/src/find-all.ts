import { type Doc, type Filter, type ReadStore, type SortSpec } from './read-store.port';

/**
 * Every matching document (for boards and summaries), in pages of `findAllPage`. A page whose
 * order no index gives is sorted from all the matching rows after the last one, so small
 * pages would sort the same rows again and again: 50k invoices by status took 100 pages and
 * 2.7 s, in one page 0.5 s.
 */
export const findAllPage = 100_000;

export const findAll = async <T extends Doc>(
  store: ReadStore,
  collection: string,
  filter: Filter,
  sort: SortSpec = [],
  fields?: readonly string[],
): Promise<T[]> => {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.find<T>(collection, filter, {
      sort,
      limit: findAllPage,
      ...(fields ? { fields } : {}),
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
};
