import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Written under the data directory before a restore moves its copies into place, and removed
 * once all of them are: while it is there, some stores are the backup's and some are missing.
 */
export const restoreMarker = (dataDir: string) => join(dataDir, 'restore-in-progress.json');

/** What a restore stopped half way leaves in its marker. */
export type RestoreInProgress = { from: string; renames: [partial: string, target: string][] };

export class UnfinishedRestoreError extends Error {
  constructor(
    readonly marker: string,
    readonly from: string,
  ) {
    super(
      `A restore from ${from} stopped before every store was in place (${marker}): run "kroonika restore --from ${from}" again to finish it. Nothing is opened on half an installation: a missing store would be created empty (a new key store would leave the log's personal data unreadable).`,
    );
    this.name = 'UnfinishedRestoreError';
  }
}

/** The restore stopped half way under `dataDir`, if one did. */
export const unfinishedRestore = (dataDir: string): RestoreInProgress | undefined => {
  const marker = restoreMarker(dataDir);
  if (!existsSync(marker)) return undefined;
  return JSON.parse(readFileSync(marker, 'utf8')) as RestoreInProgress;
};

/** Refuses to go on while a restore under `dataDir` is unfinished (apps and tools alike). */
export const refuseUnfinishedRestore = (dataDir: string) => {
  const unfinished = unfinishedRestore(dataDir);
  if (unfinished) throw new UnfinishedRestoreError(restoreMarker(dataDir), unfinished.from);
};
