import { type Position } from './event-store.port';

/**
 * The events of one append share a commit, as in EventStoreDB, where they share a commit
 * position. Each event still has a position of its own, ordered as the log: the commit's,
 * scaled, plus the event's index in the append. Without the index, a reader that resumes
 * after the first event of an append would take the rest as already read.
 */
export const maxEventsPerAppend = 4096;

/** The largest commit a position can carry exactly (2^41: a log of 2 TiB in EventStoreDB). */
const maxCommit = Math.floor(Number.MAX_SAFE_INTEGER / maxEventsPerAppend);

export const positionOf = (commit: number, index: number): Position => {
  if (!Number.isSafeInteger(commit) || commit < 0 || commit > maxCommit)
    throw new RangeError(`Commit position ${commit} is beyond what a position can carry`);
  if (!Number.isInteger(index) || index < 0 || index >= maxEventsPerAppend)
    throw new RangeError(`An append holds at most ${maxEventsPerAppend} events`);
  return commit * maxEventsPerAppend + index;
};

/** The commit a position belongs to. */
export const commitOf = (position: Position): number => Math.floor(position / maxEventsPerAppend);

/** Refuses an append too large for every event to get a position of its own. */
export const checkAppendSize = (streamId: string, count: number): void => {
  if (count > maxEventsPerAppend)
    throw new RangeError(
      `An append to ${streamId} holds ${count} events; at most ${maxEventsPerAppend} fit one commit`,
    );
};
