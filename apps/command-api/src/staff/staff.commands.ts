import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { staffDecider } from '#domain';
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

type StaffAction =
  | { type: 'RegisterStaffMember'; body: RegisterStaffMemberDto }
  | { type: 'ChangeStaffRoles'; staffId: string; body: ChangeStaffRolesDto }
  | { type: 'RenameStaffMember'; staffId: string; body: RenameStaffMemberDto }
  | { type: 'DeactivateStaffMember'; staffId: string; body: DeactivateStaffMemberDto };

export class StaffCommand extends Command<CommandResult> {
  constructor(
    readonly action: StaffAction,
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

@CommandHandler(StaffCommand)
export class StaffHandler implements ICommandHandler<StaffCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly handOver: HandOver,
    private readonly roster: AdminRoster,
  ) {}

  async execute({ action, meta, actorRoles }: StaffCommand): Promise<CommandResult> {
    switch (action.type) {
      case 'RegisterStaffMember': {
        adminOnly(actorRoles, action.body.roles);
        const staffId = newId(meta, 'staff', action.body.staffId);
        const { staffId: _s, ...rest } = action.body;
        const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) =>
          staffDecider.decide(
            {
              type: 'RegisterStaffMember',
              ...rest,
              roles: [...rest.roles],
              staffId,
              now: meta.now,
            },
            state,
          ),
        );
        if (hasAdmin(action.body.roles)) await this.roster.grant(staffId, meta);
        return { id: staffId, revision: r.revision, position: r.position };
      }
      case 'ChangeStaffRoles': {
        const { staffId, body } = action;
        const before = (await this.repository.load(`staff-${staffId}`, staffDecider)).state;
        const losesAdmin =
          before.status === 'active' && hasAdmin(before.roles) && !hasAdmin(body.roles);
        if (losesAdmin) {
          // Checked on the member first (own admin role, deactivated), then on the roster.
          adminOnly(actorRoles, body.roles, before.roles);
          staffDecider.decide(
            {
              type: 'ChangeStaffRoles',
              staffId,
              roles: [...body.roles],
              actorId: meta.actorId,
              now: meta.now,
            },
            before,
          );
          await this.roster.revoke(staffId, meta);
        }
        const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) => {
          adminOnly(actorRoles, body.roles, state.status === 'none' ? [] : state.roles);
          return staffDecider.decide(
            {
              type: 'ChangeStaffRoles',
              staffId,
              roles: [...body.roles],
              actorId: meta.actorId,
              now: meta.now,
            },
            state,
          );
        });
        if (hasAdmin(body.roles) && r.state.status === 'active')
          await this.roster.grant(staffId, meta);
        return { id: staffId, revision: r.revision, position: r.position };
      }
      case 'RenameStaffMember': {
        const { staffId, body } = action;
        const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) =>
          staffDecider.decide(
            { type: 'RenameStaffMember', staffId, name: body.name, now: meta.now },
            state,
          ),
        );
        return { id: staffId, revision: r.revision, position: r.position };
      }
      case 'DeactivateStaffMember':
        return this.deactivate(action.staffId, action.body, meta, actorRoles);
    }
  }

  /** Deactivates the member, then hands every open item they own over to the successor. */
  private async deactivate(
    staffId: string,
    body: DeactivateStaffMemberDto,
    meta: CommandMeta,
    actorRoles: readonly StaffRole[],
  ) {
    await requireActiveStaff(this.repository, body.successorId, 'successor');
    const before = (await this.repository.load(`staff-${staffId}`, staffDecider)).state;
    if (before.status === 'active' && hasAdmin(before.roles)) {
      adminOnly(actorRoles, before.roles);
      staffDecider.decide(
        {
          type: 'DeactivateStaffMember',
          staffId,
          successor: { staffId: body.successorId, active: true },
          actorId: meta.actorId,
          now: meta.now,
        },
        before,
      );
      await this.roster.revoke(staffId, meta);
    }
    const r = await this.repository.execute(`staff-${staffId}`, staffDecider, meta, (state) => {
      adminOnly(actorRoles, state.status === 'none' ? [] : state.roles);
      return staffDecider.decide(
        {
          type: 'DeactivateStaffMember',
          staffId,
          successor: { staffId: body.successorId, active: true },
          ...(body.reason ? { reason: body.reason } : {}),
          actorId: meta.actorId,
          now: meta.now,
        },
        state,
      );
    });
    const moved = await this.handOver.run(staffId, body.successorId, r.position, meta);
    return {
      id: staffId,
      revision: r.revision,
      position: Math.max(r.position, moved.position),
      correlationId: moved.correlationId,
      reassigned: moved.reassigned,
    };
  }
}
