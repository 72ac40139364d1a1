import { activityDay, localDay } from '#domain';
import { type ActivityTiming, ERASED, type Participant } from '#events';
import { type ActivityDoc, collections, projections } from '#read-models';
import { type WriteOp } from '#read-store';
import { type Projection, type ProjectionSettings, typed, upsert } from '../projection';

const timingFields = (timing: ActivityTiming, timeZone: string) => ({
  day: activityDay(timing, timeZone),
  startsAt: 'startsAt' in timing ? timing.startsAt : null,
  endsAt: 'endsAt' in timing ? timing.endsAt : null,
});

/** The calendars an activity is in: its assignee's and each staff participant's. */
const calendarOf = (assigneeId: string, participants: Participant[]): Record<string, true> =>
  Object.fromEntries(
    [assigneeId, ...participants.filter((p) => p.kind === 'staff').map((p) => p.id)].map((id) => [
      id,
      true as const,
    ]),
  );

/**
 * Calendars and tasks: one document per activity, in the calendar of its assignee and of
 * every staff member taking part; and minutes spent per staff member, customer and deal and
 * day, counted when an activity is completed or logged (who did it and when). Days are the
 * business's (`timeZone`).
 */
export const activitiesProjection = ({ timeZone }: ProjectionSettings): Projection => ({
  name: projections.activities,
  settings: { timeZone },
  indexes: [
    [collections.activities, ['assigneeId', 'day']],
    [collections.activities, ['customerId', 'day']],
    [collections.activities, ['customerId', 'status', 'doneAt']],
    [collections.activities, ['dealId', 'day']],
    [collections.activities, ['ticketId', 'day']],
    [collections.activities, ['status', 'day']],
    [collections.activities, ['day']],
    [collections.timeSpent, ['by', 'ref', 'day']],
  ],
  // A reassignment keeps the participants' calendars, a correction the assignee's, and a
  // completion counts its minutes towards the activity's deal: they read the activity.
  state: {
    collections: [collections.activities],
    reads: (stored) =>
      stored.type === 'ActivityReassigned' ||
      stored.type === 'ActivityDetailsChanged' ||
      stored.type === 'ActivityCompleted'
        ? [[collections.activities, (stored.data as { activityId: string }).activityId]]
        : [],
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      const activity = (id: string, update: Parameters<typeof upsert>[3]) =>
        upsert(stored, collections.activities, id, update);
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
          return activity(activityId, {
            $set: {
              customerId,
              kind,
              title,
              notes: event.data.notes ?? null,
              assigneeId,
              participants,
              calendar: calendarOf(assigneeId, participants),
              ...timingFields(timing, timeZone),
              dealId: dealId ?? null,
              ticketId: ticketId ?? null,
              status: 'planned',
              logged: false,
              minutesSpent: null,
              outcome: null,
              doneAt: null,
            },
          });
        }
        case 'ActivityRescheduled':
          return activity(event.data.activityId, { $set: timingFields(event.data.to, timeZone) });
        case 'ActivityDetailsChanged': {
          const { activityId, title, notes, participants } = event.data;
          const current = state(collections.activities, activityId) as ActivityDoc | undefined;
          return activity(activityId, {
            $set: {
              title,
              notes: notes ?? null,
              participants,
              ...(current ? { calendar: calendarOf(current.assigneeId, participants) } : {}),
            },
          });
        }
        case 'ActivityReassigned': {
          const { activityId, toStaffId } = event.data;
          const current = state(collections.activities, activityId) as ActivityDoc | undefined;
          return activity(activityId, {
            $set: {
              assigneeId: toStaffId,
              calendar: calendarOf(toStaffId, current?.participants ?? []),
            },
          });
        }
        case 'ActivityCompleted': {
          const { activityId, customerId, minutesSpent, outcome, completedAt } = event.data;
          return [
            ...activity(activityId, {
              $set: { status: 'completed', minutesSpent, outcome, doneAt: completedAt },
            }),
            ...spent(
              {
                staff: stored.metadata.actorId,
                customer: customerId,
                deal: (state(collections.activities, activityId) as ActivityDoc | undefined)
                  ?.dealId,
              },
              localDay(Date.parse(completedAt), timeZone),
              minutesSpent,
            ),
          ];
        }
        case 'ActivityCancelled':
          return activity(event.data.activityId, {
            $set: { status: 'cancelled', doneAt: event.data.cancelledAt },
          });
        case 'InteractionLogged': {
          const d = event.data;
          const day = localDay(Date.parse(d.occurredAt), timeZone);
          return [
            ...activity(d.activityId, {
              $set: {
                customerId: d.customerId,
                kind: d.kind,
                title: d.summary,
                notes: null,
                assigneeId: d.staffId,
                participants: d.participants ?? [],
                calendar: calendarOf(d.staffId, d.participants ?? []),
                day,
                startsAt: d.occurredAt,
                endsAt: null,
                dealId: d.dealId ?? null,
                ticketId: d.ticketId ?? null,
                status: 'completed',
                logged: true,
                minutesSpent: d.minutesSpent,
                outcome: d.summary,
                doneAt: d.occurredAt,
              },
            }),
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
