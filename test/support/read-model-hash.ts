import { createHash } from 'node:crypto';
import { canonical } from '#event-store';
import { collections } from '#read-models';
import { type Doc, type ReadStore } from '#read-store';

/**
 * A digest of every read model's documents (keys sorted, in id order), and the document
 * counts, by collection: two stores that differ show where.
 */
export const readModelHash = async (store: ReadStore) => {
  const digests: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const collection of Object.values(collections)) {
    const hash = createHash('sha256');
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
    digests[collection] = hash.digest('hex');
  }
  return { digests, counts };
};
