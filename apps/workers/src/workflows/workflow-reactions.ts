import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  activeCustomer,
  customerDecider,
  dealDecider,
  DomainError,
  notFound,
  type Reaction,
  reactionKey,
  workflowActorId,
  workflowRuleDecider,
} from '#domain';
import {
  ProblemException,
  RegistryNotConfiguredError,
  RegistryRefusedError,
  RegistryUnavailableError,
} from '#platform';
import {
  ActivityCommandMessage,
  ActOnDealCommand,
  AggregateRepository,
  businessDay,
  type CommandMeta,
  deterministicId,
  FetchRegistryDataCommand,
  newId,
  ReassignCommand,
} from '#commands';
import { React, type ReactionOutcome } from './workflow-sagas';

/**
 * A reaction's command metadata: its id derives from the rule and the causing event, so the
 * same reaction issued again (after a restart before the checkpoint) is a replay; the causing
 * event is its causation and shares its correlation.
 */
export const reactionMeta = (reaction: Reaction, suffix = ''): CommandMeta => ({
  commandId: deterministicId(`${reactionKey(reaction)}${suffix}`),
  actorId: workflowActorId(reaction.ruleId),
  correlationId: reaction.cause.correlationId,
  causationId: reaction.cause.eventId,
  now: new Date().toISOString(),
  idempotent: true,
});

/**
 * A refusal by the business rules (4xx), as opposed to a failure worth retrying. A registry
 * that is down, refuses the account or is not configured is a refusal too: the other rules do
 * not wait for it, and the company can be fetched by hand later.
 */
const refusal = (error: unknown): { problem: string; detail: string } | undefined => {
  if (error instanceof DomainError) return { problem: error.rule, detail: error.message };
  if (error instanceof RegistryUnavailableError)
    return { problem: 'registry-unavailable', detail: error.message };
  if (error instanceof RegistryRefusedError)
    return { problem: 'registry-refused', detail: error.message };
  if (error instanceof RegistryNotConfiguredError)
    return { problem: 'registry-not-configured', detail: error.message };
  if (
    error instanceof ProblemException &&
    error.problem.status < 500 &&
    error.problem.status !== 429
  )
    return {
      problem: error.problem.type.replace(/^urn:kroonika:problem:/, ''),
      detail: error.problem.detail ?? error.problem.title,
    };
  return undefined;
};

/**
 * Carries out a rule's reaction as the CRM command it stands for — ScheduleActivity for the
 * deal's owner, CancelActivity when the deal closed, AssignTicket, ExpireOffer — through the command bus, under the reaction's
 * metadata. A refusal is recorded once on the rule (WorkflowReactionDeclined); any other
 * failure is reported to the runner, which tries the same event again later.
 */
@CommandHandler(React)
export class ReactHandler implements ICommandHandler<React> {
  constructor(
    private readonly commands: CommandBus,
    private readonly repository: AggregateRepository,
  ) {}

  execute({ reaction, input }: React): Promise<ReactionOutcome> {
    const outcome = this.perform(reaction);
    input.outcomes.push(outcome);
    return outcome;
  }

  private async perform(reaction: Reaction): Promise<ReactionOutcome> {
    try {
      await this.command(reaction);
      return { reaction, result: 'done' };
    } catch (error) {
      const refused = refusal(error);
      if (!refused) return { reaction, result: 'failed', error };
      try {
        await this.decline(reaction, refused);
        return { reaction, result: 'declined' };
      } catch (e) {
        return { reaction, result: 'failed', error: e };
      }
    }
  }

  private async command(reaction: Reaction): Promise<unknown> {
    const meta = reactionMeta(reaction);
    switch (reaction.kind) {
      case 'schedule-activity': {
        const { state: deal } = await this.repository.load(`deal-${reaction.dealId}`, dealDecider);
        if (deal.status === 'none') throw notFound('deal', reaction.dealId);
        return this.commands.execute(
          new ActivityCommandMessage(
            {
              type: 'ScheduleActivity',
              activityId: newId(meta, 'activity'),
              customerId: reaction.customerId,
              kind: reaction.activityKind,
              title: reaction.title,
              timing: { dueOn: reaction.dueOn },
              dealId: reaction.dealId,
              assigneeId: deal.ownerId,
              now: meta.now,
            },
            meta,
          ),
        );
      }
      case 'assign-ticket':
        return this.commands.execute(
          new ReassignCommand(
            'ticket',
            reaction.ticketId,
            reaction.staffId,
            'Assigned in turn by a workflow rule',
            meta,
          ),
        );
      case 'fetch-registry-data': {
        // A rule never works on an archived customer (archived before the runner got here).
        const { state } = await this.repository.load(
          `customer-${reaction.customerId}`,
          customerDecider,
        );
        activeCustomer(state, reaction.customerId);
        return this.commands.execute(
          new FetchRegistryDataCommand(
            reaction.customerId,
            { registryCode: reaction.registryCode },
            meta,
          ),
        );
      }
      case 'cancel-activity':
        return this.commands.execute(
          new ActivityCommandMessage(
            {
              type: 'CancelActivity',
              activityId: reaction.activityId,
              reason: reaction.reason,
              now: meta.now,
            },
            meta,
          ),
        );
      case 'expire-offer':
        return this.commands.execute(
          new ActOnDealCommand(
            {
              type: 'ExpireOffer',
              dealId: reaction.dealId,
              offerId: reaction.offerId,
              today: businessDay(meta.now),
              now: meta.now,
            },
            meta,
          ),
        );
    }
  }

  private async decline(reaction: Reaction, refused: { problem: string; detail: string }) {
    const meta = reactionMeta(reaction, '\ndeclined');
    await this.repository.execute(
      `workflowRule-${reaction.ruleId}`,
      workflowRuleDecider,
      meta,
      (s) =>
        workflowRuleDecider.decide(
          {
            type: 'DeclineWorkflowReaction',
            ruleId: reaction.ruleId,
            triggerEventId: reaction.cause.eventId,
            triggerType: reaction.cause.type,
            ...refused,
            now: meta.now,
          },
          s,
        ),
    );
  }
}
