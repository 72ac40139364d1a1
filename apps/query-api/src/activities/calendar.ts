import { type ActivityDoc, type CalendarEntryDoc, collections } from '#read-models';
import { type Filter, findAll, type FindOptions, type Page, type ReadStore } from '#read-store';

/**
 * The activities in one member's calendar: the entries of that calendar, filtered and ordered
 * by the index on the member, then their activities by id. `filter` holds only what an entry
 * repeats of its activity (day, status, kind, customer, deal, ticket).
 */
export const calendarPage = async (
  store: ReadStore,
  staffId: string,
  filter: Filter,
  options: FindOptions,
): Promise<Page<ActivityDoc>> => {
  const page = await store.find<CalendarEntryDoc>(
    collections.calendarEntries,
    { staffId, ...filter },
    options,
  );
  const items = await activitiesOf(store, page.items);
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
};

/** Every activity in one member's calendar that `filter` holds, by day. */
export const calendarActivities = async (
  store: ReadStore,
  staffId: string,
  filter: Filter,
): Promise<ActivityDoc[]> =>
  activitiesOf(
    store,
    await findAll<CalendarEntryDoc>(store, collections.calendarEntries, { staffId, ...filter }, [
      ['day', 1],
    ]),
  );

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
