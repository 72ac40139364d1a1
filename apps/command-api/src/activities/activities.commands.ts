import { type ActivityTiming } from '#events';
import { type ActivityRequest, type CommandMeta, newId } from '#commands';
import {
  type CancelActivityDto,
  type ChangeActivityDetailsDto,
  type CompleteActivityDto,
  type LogInteractionDto,
  type RescheduleActivityDto,
  type ScheduleActivityDto,
  type TimingDto,
} from './activities.dto';

/**
 * The request's timing as the domain's: a due day, or a start and an end (TimingDto's rule,
 * kept by the validation pipe, lets no other through).
 */
export const timingOf = (body: TimingDto): ActivityTiming =>
  body.dueOn !== undefined
    ? { dueOn: body.dueOn }
    : {
        startsAt: new Date(body.startsAt!).toISOString(),
        endsAt: new Date(body.endsAt!).toISOString(),
      };

const participantsOf = (
  body: ScheduleActivityDto | LogInteractionDto | ChangeActivityDetailsDto,
) =>
  body.participants
    ? { participants: body.participants.map((p) => ({ kind: p.kind, id: p.id })) }
    : {};

export const scheduleActivity = (body: ScheduleActivityDto, meta: CommandMeta): ActivityRequest => {
  const timing = timingOf(body);
  const {
    activityId,
    dueOn: _d,
    startsAt: _s,
    endsAt: _e,
    assigneeId,
    participants: _p,
    ...rest
  } = body;
  return {
    type: 'ScheduleActivity',
    ...rest,
    ...participantsOf(body),
    activityId: newId(meta, 'activity', activityId),
    timing,
    assigneeId: assigneeId ?? meta.actorId,
    now: meta.now,
  };
};

export const logInteraction = (body: LogInteractionDto, meta: CommandMeta): ActivityRequest => {
  const { activityId, occurredAt, participants: _p, ...rest } = body;
  return {
    type: 'LogInteraction',
    ...rest,
    ...participantsOf(body),
    activityId: newId(meta, 'activity', activityId),
    occurredAt: new Date(occurredAt).toISOString(),
    staffId: meta.actorId,
    now: meta.now,
  };
};

export const rescheduleActivity = (
  activityId: string,
  body: RescheduleActivityDto,
  meta: CommandMeta,
): ActivityRequest => ({
  type: 'RescheduleActivity',
  activityId,
  timing: timingOf(body),
  ...(body.reason ? { reason: body.reason } : {}),
  now: meta.now,
});

export const completeActivity = (
  activityId: string,
  body: CompleteActivityDto,
  meta: CommandMeta,
): ActivityRequest => ({ type: 'CompleteActivity', activityId, ...body, now: meta.now });

export const cancelActivity = (
  activityId: string,
  body: CancelActivityDto,
  meta: CommandMeta,
): ActivityRequest => ({ type: 'CancelActivity', activityId, ...body, now: meta.now });

export const changeActivityDetails = (
  activityId: string,
  body: ChangeActivityDetailsDto,
  meta: CommandMeta,
): ActivityRequest => {
  const { participants: _p, ...rest } = body;
  return {
    type: 'ChangeActivityDetails',
    activityId,
    changes: { ...rest, ...participantsOf(body) },
    now: meta.now,
  };
};
