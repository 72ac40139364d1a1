import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { addBusinessHours, type TicketCommand, ticketDecider } from '#domain';
import { type TicketPriority, type TicketSla } from '#events';
import { readConfig, type SlaConfig } from '#platform';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveStaff } from '#commands';
import {
  type ChangeTicketDetailsDto,
  type OpenTicketDto,
  type ReclassifyTicketDto,
  type ReopenTicketDto,
  type RespondToTicketDto,
  type ResolveTicketDto,
} from './tickets.dto';
import { AggregateRepository, type CommandMeta, newId, requireActiveCustomer } from '#commands';

/** A ticket's own commands as the domain takes them (assigning goes through ReassignCommand). */
export type TicketRequest = Exclude<TicketCommand, { type: 'Reassign' }>;

export class TicketCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: TicketRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** The deadlines of the configured SLA policy for a priority, from a ticket's opening. */
let sla: SlaConfig | undefined;

export const slaFor = (priority: TicketPriority, openedAt: string): TicketSla => {
  const { policies, calendar } = (sla ??= readConfig().sla);
  const policy = policies[priority];
  return {
    firstResponseDue: addBusinessHours(openedAt, policy.firstResponseHours, calendar),
    resolutionDue: addBusinessHours(openedAt, policy.resolutionHours, calendar),
  };
};

/** Tickets: a new one is for an active customer, and its assignee an active member. */
@CommandHandler(TicketCommandMessage)
export class TicketHandler implements ICommandHandler<TicketCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: TicketCommandMessage): Promise<CommandResult> {
    const { ticketId } = command;
    if (command.type === 'OpenTicket') {
      await requireActiveCustomer(this.repository, command.customerId);
      // The actor taking the ticket themselves is the authenticated, active member already.
      if (command.assigneeId !== meta.actorId)
        await requireActiveStaff(this.repository, command.assigneeId, 'assignee');
    }
    const r = await this.repository.execute(`ticket-${ticketId}`, ticketDecider, meta, (s) =>
      ticketDecider.decide(command, s),
    );
    return { id: ticketId, revision: r.revision, position: r.position };
  }
}

/** The requests as the domain's commands: the one shape handled. */
const on = (ticketId: string, meta: CommandMeta) => ({ ticketId, now: meta.now });

export const openTicket = (body: OpenTicketDto, meta: CommandMeta): TicketRequest => {
  const { ticketId, assigneeId, ...rest } = body;
  return {
    type: 'OpenTicket',
    ...rest,
    ...on(newId(meta, 'ticket', ticketId), meta),
    assigneeId: assigneeId ?? meta.actorId,
    sla: slaFor(rest.priority, meta.now),
  };
};

export const reclassifyTicket = (
  ticketId: string,
  body: ReclassifyTicketDto,
  meta: CommandMeta,
): TicketRequest => ({
  type: 'ReclassifyTicket',
  ...on(ticketId, meta),
  ...(body.priority ? { priority: body.priority } : {}),
  ...(body.classification !== undefined ? { classification: body.classification } : {}),
  reason: body.reason,
  sla: slaFor,
});

export const changeTicketDetails = (
  ticketId: string,
  body: ChangeTicketDetailsDto,
  meta: CommandMeta,
): TicketRequest => ({ type: 'ChangeTicketDetails', ...on(ticketId, meta), changes: { ...body } });

export const respondToTicket = (
  ticketId: string,
  body: RespondToTicketDto,
  meta: CommandMeta,
): TicketRequest => ({
  type: 'RespondToTicket',
  ...on(ticketId, meta),
  ...body,
  staffId: meta.actorId,
});

export const resolveTicket = (
  ticketId: string,
  body: ResolveTicketDto,
  meta: CommandMeta,
): TicketRequest => ({ type: 'ResolveTicket', ...on(ticketId, meta), ...body });

export const reopenTicket = (
  ticketId: string,
  body: ReopenTicketDto,
  meta: CommandMeta,
): TicketRequest => ({ type: 'ReopenTicket', ...on(ticketId, meta), ...body });

export const closeTicket = (
  ticketId: string,
  note: string | undefined,
  meta: CommandMeta,
): TicketRequest => ({ type: 'CloseTicket', ...on(ticketId, meta), ...(note ? { note } : {}) });
