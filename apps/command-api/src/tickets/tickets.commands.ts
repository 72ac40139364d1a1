import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type TicketCommand, ticketDecider } from '#domain';
import { AggregateRepository } from '../command-handling/aggregate-repository';
import { requireActiveCustomer } from '../customers/active-customer';
import { type CommandMeta, newId } from '../command-handling/command-meta';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveStaff } from '../staff/reassign';
import { type OpenTicketDto, type ResolveTicketDto } from './tickets.dto';

type TicketAction =
  | { type: 'OpenTicket'; body: OpenTicketDto }
  | { type: 'ResolveTicket'; ticketId: string; body: ResolveTicketDto }
  | { type: 'CloseTicket'; ticketId: string; note?: string };

export class TicketCommandMessage extends Command<CommandResult> {
  constructor(
    readonly action: TicketAction,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

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
    switch (action.type) {
      case 'OpenTicket': {
        const { ticketId: _t, assigneeId, ...rest } = action.body;
        await requireActiveCustomer(this.repository, rest.customerId);
        if (assigneeId) await requireActiveStaff(this.repository, assigneeId, 'assignee');
        return {
          type: 'OpenTicket',
          ...rest,
          ticketId,
          assigneeId: assigneeId ?? meta.actorId,
          now: meta.now,
        };
      }
      case 'ResolveTicket':
        return { type: 'ResolveTicket', ticketId, ...action.body, now: meta.now };
      case 'CloseTicket':
        return {
          type: 'CloseTicket',
          ticketId,
          ...(action.note ? { note: action.note } : {}),
          now: meta.now,
        };
    }
  }
}
