const collectionName = /^[a-z][a-z0-9_]{0,62}$/;
const fieldPath = /^[A-Za-z_$][\w-]*(\.[\w-]+)*$/;

/** Collection and field names come from code, never from clients; this guards the SQL anyway. */
export const checkCollection = (name: string): string => {
  if (!collectionName.test(name)) throw new Error(`Invalid collection name: ${name}`);
  return name;
};

export const checkField = (path: string): string => {
  if (!fieldPath.test(path) || path.startsWith('$')) throw new Error(`Invalid field path: ${path}`);
  return path;
};
