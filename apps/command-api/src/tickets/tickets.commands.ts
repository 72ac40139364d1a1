import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { addBusinessHours, type TicketCommand, ticketDecider } from '#domain';
import { type TicketPriority, type TicketSla } from '#events';
import { readConfig, type SlaConfig } from '#platform';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveStaff } from '#commands';
import {
  type OpenTicketDto,
  type ReclassifyTicketDto,
  type ReopenTicketDto,
  type RespondToTicketDto,
  type ResolveTicketDto,
} from './tickets.dto';
import { AggregateRepository, type CommandMeta, newId, requireActiveCustomer } from '#commands';

type TicketAction =
  | { type: 'OpenTicket'; body: OpenTicketDto }
  | { type: 'ReclassifyTicket'; ticketId: string; body: ReclassifyTicketDto }
  | { type: 'RespondToTicket'; ticketId: string; body: RespondToTicketDto }
  | { type: 'ResolveTicket'; ticketId: string; body: ResolveTicketDto }
  | { type: 'ReopenTicket'; ticketId: string; body: ReopenTicketDto }
  | { type: 'CloseTicket'; ticketId: string; note?: string };

export class TicketCommandMessage extends Command<CommandResult> {
  constructor(
    readonly action: TicketAction,
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

@CommandHandler(TicketCommandMessage)
export class TicketHandler implements ICommandHandler<TicketCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ action, meta }: TicketCommandMessage): Promise<CommandResult> {
    const ticketId =
      action.type === 'OpenTicket' ? newId(meta, 'ticket', action.body.ticketId) : action.ticketId;
    const command = await this.command(ticketId, action, meta);
    const r = await this.repository.execute(`ticket-${ticketId}`, ticketDecider, meta, (s) =>
      ticketDecider.decide(command, s),
    );
    return { id: ticketId, revision: r.revision, position: r.position };
  }

  private async command(
    ticketId: string,
    action: TicketAction,
    meta: CommandMeta,
  ): Promise<TicketCommand> {
    const on = { ticketId, now: meta.now };
    switch (action.type) {
      case 'OpenTicket': {
        const { ticketId: _t, assigneeId, ...rest } = action.body;
        await requireActiveCustomer(this.repository, rest.customerId);
        if (assigneeId) await requireActiveStaff(this.repository, assigneeId, 'assignee');
        return {
          type: 'OpenTicket',
          ...rest,
          ...on,
          assigneeId: assigneeId ?? meta.actorId,
          sla: slaFor(rest.priority, meta.now),
        };
      }
      case 'ReclassifyTicket':
        return {
          type: 'ReclassifyTicket',
          ...on,
          ...(action.body.priority ? { priority: action.body.priority } : {}),
          ...(action.body.classification !== undefined
            ? { classification: action.body.classification }
            : {}),
          reason: action.body.reason,
          sla: slaFor,
        };
      case 'RespondToTicket':
        return { type: 'RespondToTicket', ...on, ...action.body, staffId: meta.actorId };
      case 'ResolveTicket':
        return { type: 'ResolveTicket', ...on, ...action.body };
      case 'ReopenTicket':
        return { type: 'ReopenTicket', ...on, ...action.body };
      case 'CloseTicket':
        return { type: 'CloseTicket', ...on, ...(action.note ? { note: action.note } : {}) };
    }
  }
}
