import { joinPersonal, type PersonalField } from '#events';

export type TimelineGroup = 'sales' | 'invoices' | 'profile' | 'activities' | 'service';

export type TimelineEntry = {
  _id: string;
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

/** An entry's data as the event reads: personal fields back in place, or erased. */
export const entryData = (e: TimelineEntry): Record<string, unknown> =>
  e.personalState ? joinPersonal(e.type, e.data, e.personal ?? null) : e.data;

const staffFields = ['fromStaffId', 'toStaffId', 'assigneeId', 'ownerId', 'staffId'] as const;

/** Staff ids an event payload mentions, so the timeline can name them. */
export const staffIdsIn = (data: Record<string, unknown>): string[] =>
  staffFields.map((f) => data[f]).filter((v): v is string => typeof v === 'string');
