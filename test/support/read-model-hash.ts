import { createHash } from 'node:crypto';
import { canonical } from '#event-store';
import { collections } from '#read-models';
import { type Doc, type ReadStore } from '#read-store';

/** A digest of every read model document (keys sorted), in id order, and the document counts. */
export const readModelHash = async (store: ReadStore) => {
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const collection of Object.values(collections)) {
    let cursor: string | undefined;
    counts[collection] = 0;
    do {
      const page = await store.find<Doc>(
        collection,
        {},
        { sort: [['_id', 1]], limit: 1000, ...(cursor ? { cursor } : {}) },
      );
      for (const doc of page.items) hash.update(canonical(doc));
      counts[collection] += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
  }
  return { digest: hash.digest('hex'), counts };
};
