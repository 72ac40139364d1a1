import { joinPersonal, type PersonalField } from '#events';

export type TimelineGroup = 'sales' | 'invoices' | 'profile' | 'activities' | 'service';

export type TimelineEntry = {
  /** The event's position, zero-padded: entries are written in the order of their ids. */
  _id: string;
  eventId: string;
  customerId: string | null;
  leadId: string | null;
  position: number;
  at: string;
  type: string;
  group: TimelineGroup;
  actorId: string;
  streamId: string;
  /** The event's data without its personal fields (see `personal`). */
  data: Record<string, unknown>;
  /** The event's personal fields; null once erased. Absent: the event has none. */
  personal?: PersonalField[] | null;
  personalState?: 'present' | 'erased';
  /** The names of the actor and of the staff the event mentions, as they were then. */
  names?: Record<string, string>;
};

/**
 * A timeline entry's id: its event's position, zero-padded to the 20 digits any position has at
 * most, so ids sort as positions do and a catch-up appends to the end of the collection's
 * B-tree instead of writing into pages all over it (ADR 0033).
 */
export const timelineEntryId = (position: number) => String(position).padStart(20, '0');

/** An entry's data as the event reads: personal fields back in place, or erased. */
export const entryData = (e: TimelineEntry): Record<string, unknown> =>
  e.personalState ? joinPersonal(e.type, e.data, e.personal ?? null) : e.data;

const staffFields = ['fromStaffId', 'toStaffId', 'assigneeId', 'ownerId', 'staffId'] as const;

/** Staff ids an event payload mentions, so the timeline can name them. */
export const staffIdsIn = (data: Record<string, unknown>): string[] =>
  staffFields.map((f) => data[f]).filter((v): v is string => typeof v === 'string');
