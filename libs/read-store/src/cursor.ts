import { type Doc, InvalidCursorError, type Scalar, type SortSpec } from './read-store.port';
import { readPath } from './update-engine';

/** The sort always ends with `_id`, so every page boundary is a unique, stable point. */
export const withIdTiebreak = (sort: SortSpec = []): SortSpec =>
  sort.some(([f]) => f === '_id') ? sort : [...sort, ['_id', 1]];

export const encodeCursor = (doc: Doc, sort: SortSpec): string =>
  Buffer.from(JSON.stringify(sort.map(([f]) => readPath(doc, f) ?? null))).toString('base64url');

export const decodeCursor = (cursor: string, sort: SortSpec): Scalar[] => {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === sort.length &&
      values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    )
      return values as Scalar[];
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
};

/**
 * The fields a `find` with `fields` reads: those asked and the sort's, without `_id` (always
 * there) and without one whose parent is read whole (`a.b` when `a` is asked).
 */
export const fieldsRead = (fields: readonly string[], sort: SortSpec): string[] => {
  const all = [...new Set([...fields, ...sort.map(([f]) => f)])].filter((f) => f !== '_id');
  return all.filter((f) => !all.some((p) => f.startsWith(`${p}.`)));
};
