import { rebuildName } from '../projection';

const versioned = /^(.+)_v(\d+)$/;

/**
 * The collections an earlier version of a projection wrote: `name_vN` (and its rebuild copy)
 * where today's projections write `name_vM` with M above N. Collections of no version, or of
 * a name no projection writes today, are not the projector's to drop.
 */
export const superseded = (existing: readonly string[], current: readonly string[]): string[] => {
  const latest = new Map<string, number>();
  for (const name of current) {
    const m = versioned.exec(name);
    if (m) latest.set(m[1]!, Math.max(latest.get(m[1]!) ?? 0, Number(m[2])));
  }
  const copy = rebuildName('');
  return existing.filter((name) => {
    const m = versioned.exec(name.endsWith(copy) ? name.slice(0, -copy.length) : name);
    return m !== null && Number(m[2]) < (latest.get(m[1]!) ?? -1);
  });
};
