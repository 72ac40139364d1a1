import { type Doc, type Filter, type ReadStore, type SortSpec } from './read-store.port';

/** Every matching document, page by page (for boards and summaries bounded by one owner). */
export const findAll = async <T extends Doc>(
  store: ReadStore,
  collection: string,
  filter: Filter,
  sort: SortSpec = [],
): Promise<T[]> => {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.find<T>(collection, filter, {
      sort,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
};
