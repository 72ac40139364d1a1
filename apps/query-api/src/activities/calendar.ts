import { type ActivityDoc, type CalendarEntryDoc, collections, listOrders } from '#read-models';
import {
  decodeCursor,
  encodeCursor,
  type Filter,
  findAll,
  type FindOptions,
  type Page,
  type ReadStore,
  type SortSpec,
  withIdTiebreak,
} from '#read-store';

/** Activities by day, then by id; entries in the same order, by their activity's id. */
const activityOrder = withIdTiebreak(listOrders.activities.sort);
const entryOrder: SortSpec = [
  ['day', 1],
  ['activityId', 1],
];

const byDayThenId = (a: ActivityDoc, b: ActivityDoc) =>
  a.day < b.day ? -1 : a.day > b.day ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0;

/** The activities of these entries, in their order. */
const activitiesOf = async (store: ReadStore, entries: CalendarEntryDoc[]) => {
  const activities = await store.getMany<ActivityDoc>(
    collections.activities,
    entries.map((e) => e.activityId),
  );
  return entries.flatMap((e) => {
    const activity = activities.get(e.activityId);
    return activity ? [activity] : [];
  });
};

/**
 * A page of one member's calendar: the activities assigned to them and those they take part
 * in (their calendar entries), each read by its own index, merged by day and id. The cursor is
 * an activity list's cursor (the last activity's day and id), which both reads continue after.
 * `filter` holds only what an entry repeats of its activity (day, status, kind, customer,
 * deal, ticket).
 */
export const calendarPage = async (
  store: ReadStore,
  staffId: string,
  filter: Filter,
  options: FindOptions,
): Promise<Page<ActivityDoc>> => {
  const limit = options.limit ?? 50;
  const [day, id] = options.cursor ? decodeCursor(options.cursor, activityOrder) : [];
  const [assigned, entries] = await Promise.all([
    store.find<ActivityDoc>(
      collections.activities,
      { ...filter, assigneeId: staffId },
      { ...options, sort: activityOrder, limit },
    ),
    store.find<CalendarEntryDoc>(
      collections.calendarEntries,
      { ...filter, staffId },
      {
        sort: entryOrder,
        limit,
        ...(options.cursor
          ? {
              cursor: encodeCursor(
                { _id: `${staffId}:${String(id)}`, day, activityId: id },
                withIdTiebreak(entryOrder),
              ),
            }
          : {}),
      },
    ),
  ]);
  const merged = [...assigned.items, ...(await activitiesOf(store, entries.items))].sort(
    byDayThenId,
  );
  const items = merged.slice(0, limit);
  const last = items.at(-1);
  const more = merged.length > limit || !!assigned.nextCursor || !!entries.nextCursor;
  return {
    items,
    ...(more && last ? { nextCursor: encodeCursor(last, activityOrder) } : {}),
  };
};

/** Every activity in one member's calendar that `filter` holds, by day. */
export const calendarActivities = async (
  store: ReadStore,
  staffId: string,
  filter: Filter,
): Promise<ActivityDoc[]> => {
  const [assigned, entries] = await Promise.all([
    findAll<ActivityDoc>(
      store,
      collections.activities,
      { ...filter, assigneeId: staffId },
      activityOrder,
    ),
    findAll<CalendarEntryDoc>(
      store,
      collections.calendarEntries,
      { ...filter, staffId },
      entryOrder,
    ),
  ]);
  return [...assigned, ...(await activitiesOf(store, entries))].sort(byDayThenId);
};
