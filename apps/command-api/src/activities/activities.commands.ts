import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ActivityCommand,
  activityDecider,
  dealDecider,
  notFound,
  ticketDecider,
  violated,
} from '#domain';
import { type ActivityTiming } from '#events';
import { problem } from '#platform';
import { AggregateRepository } from '../command-handling/aggregate-repository';
import { requireActiveCustomer } from '../customers/active-customer';
import { type CommandMeta, newId } from '../command-handling/command-meta';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveStaff } from '../staff/reassign';
import {
  type CancelActivityDto,
  type CompleteActivityDto,
  type ScheduleActivityDto,
} from './activities.dto';

type ActivityAction =
  | { type: 'ScheduleActivity'; body: ScheduleActivityDto }
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

const timingOf = (body: ScheduleActivityDto): ActivityTiming => {
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

@CommandHandler(ActivityCommandMessage)
export class ActivityHandler implements ICommandHandler<ActivityCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ action, meta }: ActivityCommandMessage): Promise<CommandResult> {
    const activityId =
      action.type === 'ScheduleActivity'
        ? newId(meta, 'activity', action.body.activityId)
        : action.activityId;
    const command = await this.command(activityId, action, meta);
    const r = await this.repository.execute(`activity-${activityId}`, activityDecider, meta, (s) =>
      activityDecider.decide(command, s),
    );
    return { id: activityId, revision: r.revision, position: r.position };
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
        await this.linked(body);
        if (body.assigneeId) await requireActiveStaff(this.repository, body.assigneeId, 'assignee');
        const { activityId: _a, dueOn: _d, startsAt: _s, endsAt: _e, assigneeId, ...rest } = body;
        return {
          type: 'ScheduleActivity',
          ...rest,
          activityId,
          timing,
          assigneeId: assigneeId ?? meta.actorId,
          now: meta.now,
        };
      }
      case 'CompleteActivity':
        return { type: 'CompleteActivity', activityId, ...action.body, now: meta.now };
      case 'CancelActivity':
        return { type: 'CancelActivity', activityId, ...action.body, now: meta.now };
    }
  }

  /** The customer exists, and a linked deal or ticket is one of that customer's. */
  private async linked(body: ScheduleActivityDto) {
    await requireActiveCustomer(this.repository, body.customerId);
    if (body.dealId) {
      const deal = await this.repository.load(`deal-${body.dealId}`, dealDecider);
      if (deal.state.status === 'none') throw notFound('deal', body.dealId);
      if (deal.state.customerId !== body.customerId)
        throw violated('deal-of-another-customer', 'The deal belongs to another customer');
    }
    if (body.ticketId) {
      const ticket = await this.repository.load(`ticket-${body.ticketId}`, ticketDecider);
      if (ticket.state.status === 'none') throw notFound('ticket', body.ticketId);
      if (ticket.state.customerId !== body.customerId)
        throw violated('ticket-of-another-customer', 'The ticket belongs to another customer');
    }
  }
}
