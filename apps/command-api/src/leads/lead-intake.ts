import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ChangeTeamMembers,
  type CreateLead,
  type DefineRoutingRule,
  type DefineTeam,
  type DefineWebForm,
  type DisableWebForm,
  leadDecider,
  leadRoutingDecider,
  notFound,
  type RemoveRoutingRule,
  routeLead,
  staffDecider,
  teamDecider,
  webFormDecider,
} from '#domain';
import { type TeamTurnTaken } from '#events';
import {
  AggregateRepository,
  type CommandMeta,
  deterministicId,
  requireActiveStaff,
} from '#commands';
import { type CommandResult } from '../command-handling/command-result';
import { LeadCommandMessage } from './leads.commands';

/** The one stream holding the lead routing rules, in order. */
export const LEAD_ROUTING_STREAM = 'leadRouting-rules';

/** The actor of what a routing rule records. */
export const routingActor = (ruleId: string) => `lead-routing:${ruleId}`;

/**
 * A new lead as it comes in: its owner given, or to be chosen by the routing rules (a member,
 * or a team member in turn), else `fallbackOwnerId`.
 */
export type IntakeLead = Omit<CreateLead, 'ownerId'> & {
  ownerId?: string;
  fallbackOwnerId: string;
};

export class IntakeLeadCommand extends Command<CommandResult> {
  constructor(
    readonly command: IntakeLead,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

const step = (meta: CommandMeta, key: string): CommandMeta => ({
  ...meta,
  commandId: deterministicId(`${meta.commandId}\n${key}`),
});

/**
 * Creating a lead from any channel: without an owner named, the routing rule for its source
 * chooses one — a member, or the team member whose turn it is (decided on the team's stream,
 * so two leads never take one turn) — and LeadRouted records it with the rule as the actor.
 * Every step's command id derives from the request: a retry completes without repeating.
 */
@CommandHandler(IntakeLeadCommand)
export class IntakeLeadHandler implements ICommandHandler<IntakeLeadCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute({ command, meta: request }: IntakeLeadCommand): Promise<CommandResult> {
    const { ownerId, fallbackOwnerId, ...lead } = command;
    // An If-Match names the lead's revision, not the team's whose turn it took.
    const meta = await this.repository.pin(request, `lead-${lead.leadId}`, leadDecider);
    // A lead id already taken is refused before a team member's turn is spent on it.
    const existing = await this.repository.load(`lead-${lead.leadId}`, leadDecider);
    if (!existing.commands.has(meta.commandId))
      leadDecider.decide({ ...lead, ownerId: ownerId ?? fallbackOwnerId }, existing.state);
    const routed = ownerId ? undefined : await this.route(lead.source, lead.leadId, meta);
    const created = await this.commands.execute(
      new LeadCommandMessage(
        { ...lead, ownerId: ownerId ?? routed?.ownerId ?? fallbackOwnerId },
        meta,
      ),
    );
    if (!routed) return created;
    const record = await this.commands.execute(
      new LeadCommandMessage(
        {
          type: 'RecordLeadRouting',
          leadId: lead.leadId,
          ruleId: routed.ruleId,
          ...(routed.teamId ? { teamId: routed.teamId } : {}),
          ownerId: routed.ownerId,
          now: meta.now,
        },
        { ...step(meta, 'routed'), actorId: routingActor(routed.ruleId) },
      ),
    );
    return {
      ...created,
      revision: record.revision,
      position: record.position,
      ownerId: routed.ownerId,
    };
  }

  /** The owner the rules choose for a lead from `source`; none when no rule takes it. */
  private async route(source: string, leadId: string, meta: CommandMeta) {
    const { state } = await this.repository.load(LEAD_ROUTING_STREAM, leadRoutingDecider);
    const rule = routeLead(state, source);
    if (!rule) return undefined;
    if ('staffId' in rule.assignTo) {
      const member = await this.repository.load(`staff-${rule.assignTo.staffId}`, staffDecider);
      // A member who left takes no new leads: the lead goes where unrouted ones go.
      if (member.state.status !== 'active') return undefined;
      return { ruleId: rule.ruleId, ownerId: rule.assignTo.staffId };
    }
    const { teamId } = rule.assignTo;
    const team = await this.repository.load(`team-${teamId}`, teamDecider);
    if (team.state.status === 'none') return undefined;
    const active: string[] = [];
    for (const id of team.state.memberIds)
      if ((await this.repository.load(`staff-${id}`, staffDecider)).state.status === 'active')
        active.push(id);
    if (active.length === 0) return undefined;
    const stream = `team-${teamId}`;
    const turnMeta = step(meta, `turn\n${teamId}`);
    const r = await this.repository.execute(stream, teamDecider, turnMeta, (s) =>
      teamDecider.decide(
        { type: 'TakeTurn', teamId, leadId, activeMemberIds: active, now: meta.now },
        s,
      ),
    );
    // The turn this lead took: the last one, unless a retry finds later turns taken since.
    const last = r.state.status === 'active' ? r.state.lastTurn : undefined;
    const taken =
      last?.leadId === leadId
        ? last
        : (await this.repository.events(stream))
            .filter((e) => e.type === 'TeamTurnTaken')
            .map((e) => e.data as TeamTurnTaken['data'])
            .find((t) => t.leadId === leadId);
    if (!taken) throw new Error(`No turn was taken for lead ${leadId}`);
    return { ruleId: rule.ruleId, teamId, ownerId: taken.staffId };
  }
}

/** Teams, routing rules and web forms: how leads come in and where they go. */
export type IntakeSetup =
  | DefineTeam
  | ChangeTeamMembers
  | DefineRoutingRule
  | RemoveRoutingRule
  | DefineWebForm
  | DisableWebForm;

export class IntakeSetupCommand extends Command<CommandResult> {
  constructor(
    readonly command: IntakeSetup,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Members named are active (loaded); a rule's team exists. */
@CommandHandler(IntakeSetupCommand)
export class IntakeSetupHandler implements ICommandHandler<IntakeSetupCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: IntakeSetupCommand): Promise<CommandResult> {
    switch (command.type) {
      case 'DefineTeam':
      case 'ChangeTeamMembers': {
        for (const id of new Set(command.memberIds))
          await requireActiveStaff(this.repository, id, 'team member');
        const r = await this.repository.execute(`team-${command.teamId}`, teamDecider, meta, (s) =>
          teamDecider.decide(command, s),
        );
        return { id: command.teamId, revision: r.revision, position: r.position };
      }
      case 'DefineRoutingRule':
      case 'RemoveRoutingRule': {
        if (command.type === 'DefineRoutingRule') {
          if ('staffId' in command.assignTo)
            await requireActiveStaff(this.repository, command.assignTo.staffId, 'member');
          else {
            const { teamId } = command.assignTo;
            const team = await this.repository.load(`team-${teamId}`, teamDecider);
            if (team.state.status === 'none') throw notFound('team', teamId);
          }
        }
        const r = await this.repository.execute(
          LEAD_ROUTING_STREAM,
          leadRoutingDecider,
          meta,
          (s) => leadRoutingDecider.decide(command, s),
        );
        return { id: command.ruleId, revision: r.revision, position: r.position };
      }
      case 'DefineWebForm':
      case 'DisableWebForm': {
        if (command.type === 'DefineWebForm')
          await requireActiveStaff(this.repository, command.ownerId, 'owner');
        const r = await this.repository.execute(
          `webForm-${command.formId}`,
          webFormDecider,
          meta,
          (s) => webFormDecider.decide(command, s),
        );
        return { id: command.formId, revision: r.revision, position: r.position };
      }
    }
  }
}
