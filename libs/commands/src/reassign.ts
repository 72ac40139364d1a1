import {
  activeStaff,
  type ActiveStaff,
  activityDecider,
  customerDecider,
  dealDecider,
  leadDecider,
  type Reassign,
  staffDecider,
  ticketDecider,
} from '#domain';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository } from './aggregate-repository';
import { type CommandMeta } from './command-meta';
import { type CommandResult } from './command-result';

export type OwnedKind = 'lead' | 'customer' | 'deal' | 'activity' | 'ticket';

/** A staff member who may own things now: registered and not deactivated. */
export const requireActiveStaff = async (
  repository: AggregateRepository,
  staffId: string,
  role = 'owner',
): Promise<ActiveStaff> => {
  const { state } = await repository.load(`staff-${staffId}`, staffDecider);
  return activeStaff(state, staffId, role);
};

/** Runs a Reassign on the stream of one lead, customer, deal, activity or ticket. */
export const reassign = (
  repository: AggregateRepository,
  kind: OwnedKind,
  itemId: string,
  command: Omit<Reassign, 'type' | 'itemId'>,
  meta: CommandMeta,
) => {
  const full: Reassign = { type: 'Reassign', itemId, ...command };
  switch (kind) {
    case 'lead':
      return repository.execute(`lead-${itemId}`, leadDecider, meta, (s) =>
        leadDecider.decide(full, s),
      );
    case 'customer':
      return repository.execute(`customer-${itemId}`, customerDecider, meta, (s) =>
        customerDecider.decide(full, s),
      );
    case 'deal':
      return repository.execute(`deal-${itemId}`, dealDecider, meta, (s) =>
        dealDecider.decide(full, s),
      );
    case 'activity':
      return repository.execute(`activity-${itemId}`, activityDecider, meta, (s) =>
        activityDecider.decide(full, s),
      );
    case 'ticket':
      return repository.execute(`ticket-${itemId}`, ticketDecider, meta, (s) =>
        ticketDecider.decide(full, s),
      );
  }
};

/** AssignCustomerOwner, deal owner change, DelegateActivity and AssignTicket: one shape. */
export class ReassignCommand extends Command<CommandResult> {
  constructor(
    readonly kind: OwnedKind,
    readonly itemId: string,
    readonly toStaffId: string,
    readonly reason: string | undefined,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ReassignCommand)
export class ReassignHandler implements ICommandHandler<ReassignCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({
    kind,
    itemId,
    toStaffId,
    reason,
    meta,
  }: ReassignCommand): Promise<CommandResult> {
    await requireActiveStaff(this.repository, toStaffId);
    const r = await reassign(
      this.repository,
      kind,
      itemId,
      { toStaffId, handOver: false, ...(reason ? { reason } : {}), now: meta.now },
      meta,
    );
    return { id: itemId, revision: r.revision, position: r.position };
  }
}
