import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ActivityCommand,
  activityDecider,
  type ActivityState,
  dealDecider,
  ticketDecider,
  knownContact,
  ofTheCustomer,
  openDeal,
} from '#domain';
import { type ActivityTiming, type Participant } from '#events';
import { problem } from '#platform';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveStaff } from '../staff/reassign';
import {
  type CancelActivityDto,
  type CompleteActivityDto,
  type LogInteractionDto,
  type ParticipantDto,
  type RescheduleActivityDto,
  type ScheduleActivityDto,
  type TimingDto,
} from './activities.dto';
import {
  AggregateRepository,
  type CommandMeta,
  newId,
  deterministicId,
  requireActiveCustomer,
} from '#commands';

type ActivityAction =
  | { type: 'ScheduleActivity'; body: ScheduleActivityDto }
  | { type: 'RescheduleActivity'; activityId: string; body: RescheduleActivityDto }
  | { type: 'LogInteraction'; body: LogInteractionDto }
  | { type: 'CompleteActivity'; activityId: string; body: CompleteActivityDto }
  | { type: 'CancelActivity'; activityId: string; body: CancelActivityDto };

export class ActivityCommandMessage extends Command<CommandResult> {
  constructor(
    readonly action: ActivityAction,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

const timingOf = (body: TimingDto): ActivityTiming => {
  if (body.dueOn !== undefined && body.startsAt === undefined && body.endsAt === undefined)
    return { dueOn: body.dueOn };
  if (body.dueOn === undefined && body.startsAt !== undefined && body.endsAt !== undefined)
    return {
      startsAt: new Date(body.startsAt).toISOString(),
      endsAt: new Date(body.endsAt).toISOString(),
    };
  throw problem(
    400,
    'invalid-timing',
    'Invalid timing',
    'Send either dueOn, or startsAt and endsAt',
  );
};

const dayOf = (timing: ActivityTiming) =>
  'dueOn' in timing ? timing.dueOn : timing.startsAt.slice(0, 10);

type Links = {
  customerId: string;
  dealId?: string;
  ticketId?: string;
  participants?: ParticipantDto[];
};

/**
 * Activities, and the deal's next action that follows them: an activity scheduled on a deal
 * becomes its next action when it is the earliest, and completing or cancelling it clears it.
 * The deal is updated after the activity, under a command id derived from the request, so a
 * retried request finishes the follow-up without doing it twice.
 */
@CommandHandler(ActivityCommandMessage)
export class ActivityHandler implements ICommandHandler<ActivityCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ action, meta }: ActivityCommandMessage): Promise<CommandResult> {
    const activityId =
      action.type === 'ScheduleActivity' || action.type === 'LogInteraction'
        ? newId(meta, 'activity', action.body.activityId)
        : action.activityId;
    const command = await this.command(activityId, action, meta);
    const r = await this.repository.execute(`activity-${activityId}`, activityDecider, meta, (s) =>
      activityDecider.decide(command, s),
    );
    const position = await this.followDeal(activityId, r.state, command, meta);
    return { id: activityId, revision: r.revision, position: Math.max(r.position, position) };
  }

  private async command(
    activityId: string,
    action: ActivityAction,
    meta: CommandMeta,
  ): Promise<ActivityCommand> {
    switch (action.type) {
      case 'ScheduleActivity': {
        const { body } = action;
        const timing = timingOf(body);
        const participants = await this.linked(body, 'planned');
        if (body.assigneeId) await requireActiveStaff(this.repository, body.assigneeId, 'assignee');
        const { activityId: _a, dueOn: _d, startsAt: _s, endsAt: _e, assigneeId, ...rest } = body;
        return {
          type: 'ScheduleActivity',
          ...rest,
          ...(participants ? { participants } : {}),
          activityId,
          timing,
          assigneeId: assigneeId ?? meta.actorId,
          now: meta.now,
        };
      }
      case 'RescheduleActivity':
        return {
          type: 'RescheduleActivity',
          activityId,
          timing: timingOf(action.body),
          ...(action.body.reason ? { reason: action.body.reason } : {}),
          now: meta.now,
        };
      case 'LogInteraction': {
        const { body } = action;
        const participants = await this.linked(body, 'logged');
        const { activityId: _a, occurredAt, ...rest } = body;
        return {
          type: 'LogInteraction',
          ...rest,
          ...(participants ? { participants } : {}),
          activityId,
          occurredAt: new Date(occurredAt).toISOString(),
          staffId: meta.actorId,
          now: meta.now,
        };
      }
      case 'CompleteActivity':
        return { type: 'CompleteActivity', activityId, ...action.body, now: meta.now };
      case 'CancelActivity':
        return { type: 'CancelActivity', activityId, ...action.body, now: meta.now };
    }
  }

  /** Schedules, moves or clears the deal's next action after the activity changed. */
  private async followDeal(
    activityId: string,
    activity: ActivityState,
    command: ActivityCommand,
    meta: CommandMeta,
  ): Promise<number> {
    if (activity.status === 'none' || !activity.dealId) return 0;
    const dealId = activity.dealId;
    const follow = { ...meta, commandId: deterministicId(`${meta.commandId}\ndeal-${dealId}`) };
    const title = command.type === 'ScheduleActivity' ? command.title : undefined;
    const r = await this.repository.execute(`deal-${dealId}`, dealDecider, follow, (deal) => {
      switch (command.type) {
        case 'ScheduleActivity':
        case 'RescheduleActivity': {
          const current = deal.status === 'none' ? undefined : deal.nextAction;
          const description =
            title ?? (current?.activityId === activityId ? current.description : undefined);
          if (!description) return [];
          return dealDecider.decide(
            {
              type: 'ScheduleNextAction',
              dealId,
              dueOn: dayOf(command.timing),
              description,
              activityId,
            },
            deal,
          );
        }
        case 'CompleteActivity':
        case 'CancelActivity':
          return dealDecider.decide(
            {
              type: 'ClearNextAction',
              dealId,
              activityId,
              reason:
                command.type === 'CompleteActivity' ? `done: ${command.outcome}` : 'cancelled',
              now: meta.now,
            },
            deal,
          );
        default:
          return [];
      }
    });
    return r.position;
  }

  /**
   * The customer is active, linked deal and ticket are its own, participants are known; what
   * is planned is planned on an open deal (what happened may be logged on a closed one).
   */
  private async linked(
    body: Links,
    kind: 'planned' | 'logged',
  ): Promise<Participant[] | undefined> {
    const customer = await requireActiveCustomer(this.repository, body.customerId);
    if (body.dealId) {
      const deal = await this.repository.load(`deal-${body.dealId}`, dealDecider);
      ofTheCustomer('deal', body.dealId, deal.state, body.customerId);
      if (kind === 'planned') openDeal(deal.state, body.dealId);
    }
    if (body.ticketId) {
      const ticket = await this.repository.load(`ticket-${body.ticketId}`, ticketDecider);
      ofTheCustomer('ticket', body.ticketId, ticket.state, body.customerId);
    }
    if (!body.participants) return undefined;
    for (const p of body.participants)
      if (p.kind === 'staff') await requireActiveStaff(this.repository, p.id, 'participant');
      else knownContact(customer, p.id);
    return body.participants.map((p) => ({ kind: p.kind, id: p.id }));
  }
}
