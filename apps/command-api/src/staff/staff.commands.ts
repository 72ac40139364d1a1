import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type DeactivateStaffMember, type StaffCommand, staffDecider } from '#domain';
import { type StaffRole } from '#events';
import { problem } from '#platform';
import { type CommandResult } from '../command-handling/command-result';
import { AdminRoster } from './admin-roster';
import { HandOver } from './hand-over';
import { requireActiveStaff } from '#commands';
import {
  type ChangeStaffRolesDto,
  type DeactivateStaffMemberDto,
  type RenameStaffMemberDto,
  type RegisterStaffMemberDto,
} from './staff.dto';
import { AggregateRepository, type CommandMeta, newId } from '#commands';

export class StaffCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: StaffCommand,
    readonly meta: CommandMeta,
    /** The roles the acting member acts with (only admins grant or take the admin role). */
    readonly actorRoles: readonly StaffRole[],
  ) {
    super();
  }
}

/** The roles only an admin grants or takes: admin, and auditor (who reads everyone's history). */
const guarded: StaffRole[] = ['admin', 'auditor'];

const adminOnly = (actorRoles: readonly StaffRole[], ...roleSets: StaffRole[][]) => {
  if (
    !actorRoles.includes('admin') &&
    roleSets.some((roles) => roles.some((r) => guarded.includes(r)))
  )
    throw problem(
      403,
      'admin-role-required',
      'Forbidden',
      'Only an admin grants or takes the admin or auditor role',
    );
};

const hasAdmin = (roles: readonly StaffRole[]) => roles.includes('admin');

@CommandHandler(StaffCommandMessage)
export class StaffHandler implements ICommandHandler<StaffCommandMessage> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly handOver: HandOver,
    private readonly roster: AdminRoster,
  ) {}

  async execute({
    command,
    meta: request,
    actorRoles,
  }: StaffCommandMessage): Promise<CommandResult> {
    const { staffId } = command;
    // An If-Match names the member's revision, not the admin roster's or a handed-over item's.
    const meta = await this.repository.pin(request, `staff-${staffId}`, staffDecider);
    switch (command.type) {
      case 'RegisterStaffMember': {
        adminOnly(actorRoles, command.roles);
        const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) =>
          staffDecider.decide(command, state),
        );
        if (hasAdmin(command.roles)) await this.roster.grant(staffId, meta);
        return { id: staffId, revision: r.revision, position: r.position };
      }
      case 'ChangeStaffRoles': {
        const before = (await this.repository.load(`staff-${staffId}`, staffDecider)).state;
        const losesAdmin =
          before.status === 'active' && hasAdmin(before.roles) && !hasAdmin(command.roles);
        if (losesAdmin) {
          // Checked on the member first (own admin role, deactivated), then on the roster.
          adminOnly(actorRoles, command.roles, before.roles);
          staffDecider.decide(command, before);
          await this.roster.revoke(staffId, meta);
        }
        const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) => {
          adminOnly(actorRoles, command.roles, state.status === 'none' ? [] : state.roles);
          return staffDecider.decide(command, state);
        });
        if (hasAdmin(command.roles) && r.state.status === 'active')
          await this.roster.grant(staffId, meta);
        return { id: staffId, revision: r.revision, position: r.position };
      }
      case 'RenameStaffMember':
      case 'RevokeCalendarFeed': {
        const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) =>
          staffDecider.decide(command, state),
        );
        return { id: staffId, revision: r.revision, position: r.position };
      }
      case 'IssueCalendarFeed': {
        const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) =>
          staffDecider.decide(command, state),
        );
        return { id: staffId, revision: r.revision, position: r.position, feedId: command.feedId };
      }
      case 'DeactivateStaffMember':
        return this.deactivate(command, meta, actorRoles);
    }
  }

  /** Deactivates the member, then hands every open item they own over to the successor. */
  private async deactivate(
    request: DeactivateStaffMember,
    meta: CommandMeta,
    actorRoles: readonly StaffRole[],
  ) {
    const { staffId } = request;
    const successorId = request.successor?.staffId;
    if (!successorId) throw new Error('A deactivation names its successor');
    await requireActiveStaff(this.repository, successorId, 'successor');
    // The successor as found just now: an active member.
    const command = { ...request, successor: { staffId: successorId, active: true } };
    const before = (await this.repository.load(`staff-${staffId}`, staffDecider)).state;
    if (before.status === 'active' && hasAdmin(before.roles)) {
      adminOnly(actorRoles, before.roles);
      staffDecider.decide(command, before);
      await this.roster.revoke(staffId, meta);
    }
    const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) => {
      adminOnly(actorRoles, state.status === 'none' ? [] : state.roles);
      return staffDecider.decide(command, state);
    });
    const moved = await this.handOver.run(staffId, successorId, r.position, meta);
    return {
      id: staffId,
      revision: r.revision,
      position: Math.max(r.position, moved.position),
      correlationId: moved.correlationId,
      reassigned: moved.reassigned,
    };
  }
}

/** The requests as the domain's commands: the one shape handled. */
export const registerStaffMember = (
  body: RegisterStaffMemberDto,
  meta: CommandMeta,
): StaffCommand => {
  const { staffId, ...rest } = body;
  return {
    type: 'RegisterStaffMember',
    ...rest,
    roles: [...rest.roles],
    staffId: newId(meta, 'staff', staffId),
    now: meta.now,
  };
};

export const changeStaffRoles = (
  staffId: string,
  body: ChangeStaffRolesDto,
  meta: CommandMeta,
): StaffCommand => ({
  type: 'ChangeStaffRoles',
  staffId,
  roles: [...body.roles],
  actorId: meta.actorId,
  now: meta.now,
});

export const renameStaffMember = (
  staffId: string,
  body: RenameStaffMemberDto,
  meta: CommandMeta,
): StaffCommand => ({ type: 'RenameStaffMember', staffId, name: body.name, now: meta.now });

export const deactivateStaffMember = (
  staffId: string,
  body: DeactivateStaffMemberDto,
  meta: CommandMeta,
): StaffCommand => ({
  type: 'DeactivateStaffMember',
  staffId,
  // The handler finds the successor active before deciding.
  successor: { staffId: body.successorId, active: false },
  ...(body.reason ? { reason: body.reason } : {}),
  actorId: meta.actorId,
  now: meta.now,
});
