import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ActivityCommand,
  activityDay,
  activityDecider,
  type ActivityState,
  dealDecider,
  knownContact,
  type LogInteraction,
  ofTheCustomer,
  openDeal,
  type ScheduleActivity,
  ticketDecider,
} from '#domain';
import { type Participant } from '#events';
import { requireActiveCustomer } from './active-customer';
import { AggregateRepository } from './aggregate-repository';
import { businessZone } from './business-day';
import { type CommandMeta } from './command-meta';
import { type CommandResult } from './command-result';
import { deterministicId } from './deterministic-id';
import { requireActiveStaff } from './reassign';

/** The activity commands of its own (reassigning goes through ReassignCommand). */
export type ActivityRequest = Exclude<ActivityCommand, { type: 'Reassign' }>;

/** An activity command as the domain takes it, from HTTP or from a workflow rule. */
export class ActivityCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: ActivityRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * Activities, and the deal's next action that follows them: an activity scheduled on a deal
 * becomes its next action when it is the earliest, and completing or cancelling it clears it.
 * The deal is updated after the activity, under a command id derived from the request, so a
 * retried request finishes the follow-up without doing it twice.
 */
@CommandHandler(ActivityCommandMessage)
export class ActivityHandler implements ICommandHandler<ActivityCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta: request }: ActivityCommandMessage): Promise<CommandResult> {
    // An If-Match names the activity's revision, not the deal's its next action follows.
    const meta = await this.repository.pin(
      request,
      `activity-${command.activityId}`,
      activityDecider,
    );
    if (command.type === 'ScheduleActivity') {
      await this.linked(command, 'planned');
      // The actor assigning to themselves is the authenticated, active member already.
      if (command.assigneeId !== meta.actorId)
        await requireActiveStaff(this.repository, command.assigneeId, 'assignee');
    }
    if (command.type === 'LogInteraction') await this.linked(command, 'logged');
    if (command.type === 'ChangeActivityDetails' && command.changes.participants)
      await this.newParticipantsKnown(command.activityId, command.changes.participants);
    const { activityId } = command;
    const r = await this.repository.execute(`activity-${activityId}`, activityDecider, meta, (s) =>
      activityDecider.decide(command, s),
    );
    const position = await this.followDeal(activityId, r.state, command, meta);
    return { id: activityId, revision: r.revision, position: Math.max(r.position, position) };
  }

  /** Schedules, moves or clears the deal's next action after the activity changed. */
  private async followDeal(
    activityId: string,
    activity: ActivityState,
    command: ActivityRequest,
    meta: CommandMeta,
  ): Promise<number> {
    if (activity.status === 'none' || !activity.dealId) return 0;
    const dealId = activity.dealId;
    const follow = { ...meta, commandId: deterministicId(`${meta.commandId}\ndeal-${dealId}`) };
    const title =
      command.type === 'ScheduleActivity'
        ? command.title
        : command.type === 'ChangeActivityDetails'
          ? command.changes.title
          : undefined;
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
              dueOn: activityDay(command.timing, businessZone()),
              description,
              activityId,
            },
            deal,
          );
        }
        case 'ChangeActivityDetails': {
          // The deal's next action is named after this activity: it takes the new title (the
          // deal's decider records nothing when it has that title already).
          const current = deal.status === 'none' ? undefined : deal.nextAction;
          if (!title || current?.activityId !== activityId) return [];
          return dealDecider.decide(
            {
              type: 'ScheduleNextAction',
              dealId,
              dueOn: current.dueOn,
              description: title,
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
   * Participants a correction adds are known as when scheduling (active staff, the customer's
   * contacts); those it keeps stay, even a staff member who has left since.
   */
  private async newParticipantsKnown(activityId: string, participants: Participant[]) {
    const { state } = await this.repository.load(`activity-${activityId}`, activityDecider);
    if (state.status !== 'planned') return; // the decider refuses it
    const had = new Set((state.participants ?? []).map((p) => `${p.kind}:${p.id}`));
    const added = participants.filter((p) => !had.has(`${p.kind}:${p.id}`));
    if (added.length === 0) return;
    const customer = await requireActiveCustomer(this.repository, state.customerId);
    for (const p of added)
      if (p.kind === 'staff') await requireActiveStaff(this.repository, p.id, 'participant');
      else knownContact(customer, p.id);
  }

  /**
   * The customer is active, linked deal and ticket are its own, participants are known; what
   * is planned is planned on an open deal (what happened may be logged on a closed one).
   */
  private async linked(
    command: ScheduleActivity | LogInteraction,
    kind: 'planned' | 'logged',
  ): Promise<void> {
    const customer = await requireActiveCustomer(this.repository, command.customerId);
    if (command.dealId) {
      const deal = await this.repository.load(`deal-${command.dealId}`, dealDecider);
      ofTheCustomer('deal', command.dealId, deal.state, command.customerId);
      if (kind === 'planned') openDeal(deal.state, command.dealId);
    }
    if (command.ticketId) {
      const ticket = await this.repository.load(`ticket-${command.ticketId}`, ticketDecider);
      ofTheCustomer('ticket', command.ticketId, ticket.state, command.customerId);
    }
    for (const p of command.participants ?? [])
      if (p.kind === 'staff') await requireActiveStaff(this.repository, p.id, 'participant');
      else knownContact(customer, p.id);
  }
}
