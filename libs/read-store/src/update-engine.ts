import { type Doc, type Scalar, type Update } from './read-store.port';

type Bag = Record<string, unknown>;

// A top-level field (most of what projections write) is read and written without splitting.
export const readPath = (doc: Bag, path: string): unknown =>
  path.includes('.')
    ? path
        .split('.')
        .reduce<unknown>(
          (value, key) => (value && typeof value === 'object' ? (value as Bag)[key] : undefined),
          doc,
        )
    : doc[path];

const parentOf = (doc: Bag, path: string, create: boolean): [Bag, string] | undefined => {
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = doc;
  for (const key of keys) {
    const next = node[key];
    if (next && typeof next === 'object') node = next as Bag;
    else if (create) node = node[key] = {};
    else return undefined;
  }
  return [node, last];
};

export const writePath = (doc: Bag, path: string, value: unknown) => {
  if (!path.includes('.')) {
    doc[path] = value;
    return;
  }
  const [node, key] = parentOf(doc, path, true)!;
  node[key] = value;
};

const compare = (a: Scalar, b: Scalar) => (a === b ? 0 : a! < b! ? -1 : 1);

/** MongoDB update semantics for the operators the read models use, applied in memory. */
export const applyUpdate = (
  existing: Doc | undefined,
  id: string,
  update: Update,
  inPlace = false,
): Doc => {
  const doc: Doc = existing ? (inPlace ? existing : structuredClone(existing)) : { _id: id };
  if (!existing)
    for (const [k, v] of Object.entries(update.$setOnInsert ?? {})) writePath(doc, k, v);
  for (const [k, v] of Object.entries(update.$set ?? {})) writePath(doc, k, v);
  for (const [k, v] of Object.entries(update.$inc ?? {})) {
    const current = readPath(doc, k);
    writePath(doc, k, (typeof current === 'number' ? current : 0) + v);
  }
  for (const [k, v] of Object.entries(update.$max ?? {})) {
    const current = readPath(doc, k) as Scalar | undefined;
    if (current === undefined || compare(v, current) > 0) writePath(doc, k, v);
  }
  for (const [k, v] of Object.entries(update.$min ?? {})) {
    const current = readPath(doc, k) as Scalar | undefined;
    if (current === undefined || compare(v, current) < 0) writePath(doc, k, v);
  }
  for (const [k, v] of Object.entries(update.$push ?? {})) {
    const current = readPath(doc, k);
    writePath(doc, k, [...(Array.isArray(current) ? (current as unknown[]) : []), v]);
  }
  for (const k of Object.keys(update.$unset ?? {})) {
    const parent = parentOf(doc, k, false);
    if (parent) Reflect.deleteProperty(parent[0], parent[1]);
  }
  return doc;
};

/** An update that only sets fields on insert: applying it twice changes nothing. */
export const insertOnly = (update: Update) =>
  Object.keys(update).length === 1 && update.$setOnInsert !== undefined;

/**
 * Whether `update` can change an existing document: one that only sets fields on insert and
 * moves bounds (`$min`, `$max`) the document already holds leaves it as it is, so the store
 * need not write it again.
 */
export const changes = (existing: Doc, update: Update): boolean => {
  for (const [operator, fields] of Object.entries(update)) {
    if (operator === '$setOnInsert') continue;
    if (operator !== '$min' && operator !== '$max') return true;
    const direction = operator === '$max' ? 1 : -1;
    for (const [k, v] of Object.entries(fields as Record<string, Scalar>)) {
      const current = readPath(existing, k) as Scalar | undefined;
      if (current === undefined || compare(v, current) * direction > 0) return true;
    }
  }
  return false;
};
