import { activityDay, localDay } from '#domain';
import { type ActivityTiming, ERASED, type Participant } from '#events';
import { type ActivityDoc, type CalendarEntryDoc, collections, projections } from '#read-models';
import { type WriteOp } from '#read-store';
import { type Projection, type ProjectionSettings, typed, upsert } from '../projection';

const timingFields = (timing: ActivityTiming, timeZone: string) => ({
  day: activityDay(timing, timeZone),
  startsAt: 'startsAt' in timing ? timing.startsAt : null,
  endsAt: 'endsAt' in timing ? timing.endsAt : null,
});

/**
 * The staff taking part besides the assignee: an entry in each of their calendars. The
 * assignee's calendar is read from the activities themselves, by their index on the assignee.
 */
const guestsOf = (assigneeId: string, participants: Participant[]): Record<string, true> =>
  Object.fromEntries(
    participants
      .filter((p) => p.kind === 'staff' && p.id !== assigneeId)
      .map((p) => [p.id, true as const]),
  );

/** What a calendar entry repeats of its activity, for a calendar to be filtered by. */
type EntryFields = Omit<CalendarEntryDoc, '_id' | 'staffId' | 'activityId'>;

const entryFields = (a: EntryFields): EntryFields => ({
  day: a.day,
  status: a.status,
  kind: a.kind,
  customerId: a.customerId,
  dealId: a.dealId,
  ticketId: a.ticketId,
});

/** The events whose projection reads the activity as it is. */
const readsActivity = new Set([
  'ActivityReassigned',
  'ActivityDetailsChanged',
  'ActivityRescheduled',
  'ActivityCompleted',
  'ActivityCancelled',
]);

/**
 * Calendars and tasks: one document per activity, in the calendar of its assignee and of
 * every staff member taking part, with an entry in each of the latter's calendars (what their
 * calendars are read by, beside the activities they are assigned); and minutes spent per staff
 * member, customer and deal and day, counted when an activity is completed or logged (who did
 * it and when). Days are the business's (`timeZone`).
 */

export const activitiesProjection = ({ timeZone }: ProjectionSettings): Projection => ({
  name: projections.activities,
  settings: { timeZone },
  indexes: [
    [collections.activities, ['assigneeId', 'day']],
    [collections.activities, ['customerId', 'day']],
    [collections.activities, ['customerId', 'status', 'doneAt']],
    [collections.activities, ['customerId', 'status', 'day']],
    [collections.activities, ['dealId', 'day']],
    [collections.activities, ['ticketId', 'day']],
    [collections.activities, ['status', 'day']],
    [collections.activities, ['day']],
    [collections.calendarEntries, ['staffId', 'day']],
    [collections.calendarEntries, ['staffId', 'status', 'day']],
    [collections.timeSpent, ['by', 'ref', 'day']],
  ],
  // A reassignment keeps the participants' calendars, a correction the assignee's, and a
  // completion counts its minutes towards the activity's deal; a new day or status is written
  // to the entry in each calendar the activity is in: they read the activity.
  state: {
    collections: [collections.activities],
    reads: (stored) =>
      readsActivity.has(stored.type)
        ? [[collections.activities, (stored.data as { activityId: string }).activityId]]
        : [],
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      const activity = (id: string, update: Parameters<typeof upsert>[3]) =>
        upsert(stored, collections.activities, id, update);
      const current = (id: string) => state(collections.activities, id) as ActivityDoc | undefined;
      const entryId = (staffId: string, activityId: string) => `${staffId}:${activityId}`;
      /** The activity's entry in each of these guests' calendars, with the fields given. */
      const entries = (
        activityId: string,
        guests: Record<string, true>,
        set: Partial<EntryFields>,
      ): WriteOp[] =>
        Object.keys(guests).flatMap((staffId) =>
          upsert(stored, collections.calendarEntries, entryId(staffId, activityId), {
            $set: { staffId, activityId, ...set },
          }),
        );
      /** Entries out of the calendars the activity left, whole entries in those it joined. */
      const moved = (doc: ActivityDoc, guests: Record<string, true>): WriteOp[] => {
        const before = guestsOf(doc.assigneeId, doc.participants);
        return [
          // Kept without its member rather than deleted: replaying the events before it would
          // write a deleted entry again, and nothing after it (skipped) would remove it.
          ...Object.keys(before)
            .filter((staffId) => !Object.hasOwn(guests, staffId))
            .flatMap((staffId) =>
              upsert(stored, collections.calendarEntries, entryId(staffId, doc._id), {
                $set: { staffId: null },
              }),
            ),
          ...entries(
            doc._id,
            Object.fromEntries(
              Object.keys(guests)
                .filter((staffId) => !Object.hasOwn(before, staffId))
                .map((staffId) => [staffId, true as const]),
            ),
            entryFields(doc),
          ),
        ];
      };
      /** The entries of an activity as it is, with what changed. */
      const changed = (activityId: string, set: Partial<EntryFields>) => {
        const doc = current(activityId);
        return doc ? entries(activityId, guestsOf(doc.assigneeId, doc.participants), set) : [];
      };
      /** Minutes counted for the member, the customer and, when it has one, the deal. */
      const spent = (
        refs: { staff: string; customer: string; deal: string | null | undefined },
        day: string,
        minutes: number,
      ) =>
        (['staff', 'customer', 'deal'] as const).flatMap((by): WriteOp[] => {
          const ref = refs[by];
          if (!ref) return [];
          return upsert(stored, collections.timeSpent, `${by}:${ref}:${day}`, {
            $set: { by, ref, day },
            $inc: { minutes, activities: 1 },
          });
        });
      switch (event.type) {
        case 'ActivityScheduled': {
          const { activityId, customerId, kind, title, assigneeId, timing, dealId, ticketId } =
            event.data;
          const participants = event.data.participants ?? [];
          const fields = {
            ...timingFields(timing, timeZone),
            status: 'planned' as const,
            kind,
            customerId,
            dealId: dealId ?? null,
            ticketId: ticketId ?? null,
          };
          return [
            ...activity(activityId, {
              $set: {
                title,
                notes: event.data.notes ?? null,
                assigneeId,
                participants,
                ...fields,
                logged: false,
                minutesSpent: null,
                outcome: null,
                doneAt: null,
              },
            }),
            ...entries(activityId, guestsOf(assigneeId, participants), entryFields(fields)),
          ];
        }
        case 'ActivityRescheduled': {
          const timing = timingFields(event.data.to, timeZone);
          return [
            ...activity(event.data.activityId, { $set: timing }),
            ...changed(event.data.activityId, { day: timing.day }),
          ];
        }
        case 'ActivityDetailsChanged': {
          const { activityId, title, notes, participants } = event.data;
          const doc = current(activityId);
          return [
            ...activity(activityId, { $set: { title, notes: notes ?? null, participants } }),
            ...(doc ? moved(doc, guestsOf(doc.assigneeId, participants)) : []),
          ];
        }
        case 'ActivityReassigned': {
          const { activityId, toStaffId } = event.data;
          const doc = current(activityId);
          return [
            ...activity(activityId, { $set: { assigneeId: toStaffId } }),
            ...(doc ? moved(doc, guestsOf(toStaffId, doc.participants)) : []),
          ];
        }
        case 'ActivityCompleted': {
          const { activityId, customerId, minutesSpent, outcome, completedAt } = event.data;
          return [
            ...activity(activityId, {
              $set: { status: 'completed', minutesSpent, outcome, doneAt: completedAt },
            }),
            ...changed(activityId, { status: 'completed' }),
            ...spent(
              {
                staff: stored.metadata.actorId,
                customer: customerId,
                deal: current(activityId)?.dealId,
              },
              localDay(Date.parse(completedAt), timeZone),
              minutesSpent,
            ),
          ];
        }
        case 'ActivityCancelled':
          return [
            ...activity(event.data.activityId, {
              $set: { status: 'cancelled', doneAt: event.data.cancelledAt },
            }),
            ...changed(event.data.activityId, { status: 'cancelled' }),
          ];
        case 'InteractionLogged': {
          const d = event.data;
          const day = localDay(Date.parse(d.occurredAt), timeZone);
          const fields = {
            day,
            status: 'completed' as const,
            kind: d.kind,
            customerId: d.customerId,
            dealId: d.dealId ?? null,
            ticketId: d.ticketId ?? null,
          };
          return [
            ...activity(d.activityId, {
              $set: {
                title: d.summary,
                notes: null,
                assigneeId: d.staffId,
                participants: d.participants ?? [],
                ...fields,
                startsAt: d.occurredAt,
                endsAt: null,
                logged: true,
                minutesSpent: d.minutesSpent,
                outcome: d.summary,
                doneAt: d.occurredAt,
              },
            }),
            ...entries(
              d.activityId,
              guestsOf(d.staffId, d.participants ?? []),
              entryFields(fields),
            ),
            ...spent(
              { staff: d.staffId, customer: d.customerId, deal: d.dealId },
              day,
              d.minutesSpent,
            ),
          ];
        }
        case 'CustomerPersonalDataErased': {
          // Titles, outcomes and logged summaries are free text about the customer.
          const { customerId } = event.data;
          return [
            {
              kind: 'setWhere',
              collection: collections.activities,
              where: { customerId, status: 'completed' },
              set: { outcome: ERASED },
            },
            {
              kind: 'setWhere',
              collection: collections.activities,
              where: { customerId },
              set: { title: ERASED, notes: null },
            },
          ];
        }
        default:
          return [];
      }
    }),
});
