import {
  type Doc,
  encodeCursor,
  type Filter,
  type FindOptions,
  type ReadStore,
  type SortSpec,
  withIdTiebreak,
} from '#read-store';
import { type PageQuery } from './query.dto';

export const pageOptions = (query: PageQuery, sort: FindOptions['sort']): FindOptions => ({
  sort,
  limit: query.limit ?? 50,
  ...(query.cursor ? { cursor: query.cursor } : {}),
});

/** Documents a list scans at most per request when it filters beyond what the store can. */
export const SCAN_LIMIT = 2000;

/**
 * A page of the documents the store finds that also pass `keep` (conditions the store cannot
 * state): pages are scanned in order until `limit` are kept or `SCAN_LIMIT` are read. The
 * cursor continues after the last document read, so a page may hold fewer than `limit` and
 * still have a next one.
 */
export const keptPage = async <T extends Doc>(
  store: ReadStore,
  collection: string,
  filter: Filter,
  query: PageQuery,
  sortSpec: SortSpec,
  keep: (doc: T) => boolean,
): Promise<{ items: T[]; nextCursor?: string }> => {
  const limit = query.limit ?? 50;
  const sort = withIdTiebreak(sortSpec);
  const items: T[] = [];
  let cursor = query.cursor || undefined;
  let read = 0;
  for (;;) {
    const page = await store.find<T>(collection, filter, {
      sort,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const [i, doc] of page.items.entries()) {
      read += 1;
      if (keep(doc)) items.push(doc);
      const more = i < page.items.length - 1 || page.nextCursor !== undefined;
      if ((items.length === limit || read >= SCAN_LIMIT) && more)
        return { items, nextCursor: encodeCursor(doc, sort) };
    }
    if (!page.nextCursor) return { items };
    cursor = page.nextCursor;
  }
};
