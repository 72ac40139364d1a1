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

/** Documents by id, in chunks, as a map. */
export const byIds = async <T extends Doc>(
  store: Pick<ReadStore, 'find'>,
  collection: string,
  ids: Iterable<string>,
): Promise<Map<string, T>> => {
  const unique = [...new Set(ids)];
  const found = new Map<string, T>();
  for (let i = 0; i < unique.length; i += 200) {
    const page = await store.find<T>(
      collection,
      { _id: { $in: unique.slice(i, i + 200) } },
      { limit: 200 },
    );
    for (const doc of page.items) found.set(doc._id, doc);
  }
  return found;
};
