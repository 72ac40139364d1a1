import { type OwnerChange } from '#events';
import { violated } from '../decider';

/**
 * A change of owner or assignee. In a hand-over (`handOver`), only an open item still owned
 * by `fromStaffId` moves, and anything else is silently left alone, which makes a retried or
 * resumed hand-over move nothing twice. An explicit assignment of a closed item is refused.
 */
export type Reassign = {
  type: 'Reassign';
  itemId: string;
  toStaffId: string;
  fromStaffId?: string;
  handOver: boolean;
  reason?: string;
  now: string;
};

export type Owned = { what: string; ownerId: string; open: boolean };

export const reassignment = (item: Owned, command: Reassign): OwnerChange | undefined => {
  if (command.handOver) {
    if (!item.open || item.ownerId !== command.fromStaffId) return undefined;
  } else if (!item.open) {
    throw violated(`${item.what}-closed`, `A closed ${item.what} keeps its owner`);
  }
  if (item.ownerId === command.toStaffId) return undefined;
  return {
    fromStaffId: item.ownerId,
    toStaffId: command.toStaffId,
    handOver: command.handOver,
    ...(command.reason ? { reason: command.reason } : {}),
    reassignedAt: command.now,
  };
};
