import { ApiPropertyOptional } from '@nestjs/swagger';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandResult } from '../command-handling/command-result';
import { IsStaffId, IsText } from '../command-handling/dto';
import { type OwnedKind, reassign, requireActiveStaff } from './reassign';
import { IsOmittable } from '#platform';
import { AggregateRepository, type CommandMeta } from '#commands';

export class OwnerDto {
  @IsStaffId(true) ownerId!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

export class AssigneeDto {
  @IsStaffId(true) assigneeId!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

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
