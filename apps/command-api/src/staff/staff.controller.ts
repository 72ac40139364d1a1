import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { linkToken, type Principal, problem, readConfig, uuidParam, webhookKey } from '#platform';
import { type CommandMeta, newId } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta, Roles } from '../command-handling/request-meta';
import { type StaffCommand } from '#domain';
import {
  changeStaffRoles,
  deactivateStaffMember,
  registerStaffMember,
  renameStaffMember,
  StaffCommandMessage,
} from './staff.commands';
import {
  ChangeStaffRolesDto,
  DeactivateStaffMemberDto,
  RegisterStaffMemberDto,
  RenameStaffMemberDto,
} from './staff.dto';

/** A member's calendar is theirs: only they, or an admin, take or revoke its feed. */
const ownCalendar = (staffId: string, meta: CommandMeta, roles: Principal['roles']) => {
  if (staffId !== meta.actorId && !roles.includes('admin'))
    throw problem(
      403,
      'not-own-calendar',
      'Forbidden',
      "Only the member, or an admin, takes or revokes a member's calendar feed",
    );
};

@CommandController('staff')
export class StaffController {
  private readonly key: Buffer;
  private readonly queryUrl: string;

  constructor(private readonly commands: CommandBus) {
    const config = readConfig();
    this.key = webhookKey(config);
    this.queryUrl = config.queryPublicUrl;
  }

  @ApiOperation({ summary: 'Register a staff member with roles' })
  @Post()
  @HttpCode(201)
  async register(
    @Body() body: RegisterStaffMemberDto,
    @Meta() meta: CommandMeta,
    @Roles() roles: Principal['roles'],
  ): Promise<CommandResult> {
    return this.run(registerStaffMember(body, meta), meta, roles, true);
  }

  @ApiOperation({ summary: "Change a staff member's roles" })
  @Post(':id/roles')
  @HttpCode(200)
  async changeRoles(
    @Param('id', uuidParam()) staffId: string,
    @Body() body: ChangeStaffRolesDto,
    @Meta() meta: CommandMeta,
    @Roles() roles: Principal['roles'],
  ): Promise<CommandResult> {
    return this.run(changeStaffRoles(staffId, body, meta), meta, roles, false);
  }

  @ApiOperation({
    summary: 'Rename a staff member',
    description:
      "Corrects or changes the member's name; the history keeps the name each event had.",
  })
  @Post(':id/rename')
  @HttpCode(200)
  async rename(
    @Param('id', uuidParam()) staffId: string,
    @Body() body: RenameStaffMemberDto,
    @Meta() meta: CommandMeta,
    @Roles() roles: Principal['roles'],
  ): Promise<CommandResult> {
    return this.run(renameStaffMember(staffId, body, meta), meta, roles, false);
  }

  @ApiOperation({
    summary: 'Deactivate a staff member who leaves, handing their work over',
    description: 'Deactivates the member and reassigns every open item they own to the successor.',
  })
  @Post(':id/deactivate')
  @HttpCode(200)
  async deactivate(
    @Param('id', uuidParam()) staffId: string,
    @Body() body: DeactivateStaffMemberDto,
    @Meta() meta: CommandMeta,
    @Roles() roles: Principal['roles'],
  ): Promise<CommandResult> {
    return this.run(deactivateStaffMember(staffId, body, meta), meta, roles, false);
  }

  @ApiOperation({
    summary: "Issue a member's calendar feed (iCalendar URL)",
    description:
      "IssueCalendarFeed: answers `url`, a signed iCalendar feed of the member's activities and meetings for Outlook, Google Calendar and the like to subscribe to. A new feed replaces the one before; the member themselves or an admin.",
  })
  @Post(':id/calendar-feed')
  @HttpCode(201)
  async issueCalendarFeed(
    @Param('id', uuidParam()) staffId: string,
    @Meta() meta: CommandMeta,
    @Roles() roles: Principal['roles'],
  ): Promise<CommandResult> {
    ownCalendar(staffId, meta, roles);
    const feedId = newId(meta, 'calendar-feed');
    const command = new StaffCommandMessage(
      { type: 'IssueCalendarFeed', staffId, feedId, now: meta.now },
      meta,
      roles,
    );
    const result = await this.commands.execute(command);
    const token = linkToken(this.key, 'calendar-feed', [staffId, feedId]);
    return answer({ ...result, url: `${this.queryUrl}/calendar-feeds/${token}.ics` }, true);
  }

  @ApiOperation({
    summary: "Revoke a member's calendar feed",
    description: 'RevokeCalendarFeed: its URL stops working; the member themselves or an admin.',
  })
  @Post(':id/calendar-feed/revoke')
  @HttpCode(200)
  async revokeCalendarFeed(
    @Param('id', uuidParam()) staffId: string,
    @Meta() meta: CommandMeta,
    @Roles() roles: Principal['roles'],
  ): Promise<CommandResult> {
    ownCalendar(staffId, meta, roles);
    return this.run({ type: 'RevokeCalendarFeed', staffId, now: meta.now }, meta, roles, false);
  }

  private async run(
    command: StaffCommand,
    meta: CommandMeta,
    roles: Principal['roles'],
    created: boolean,
  ) {
    return answer(
      await this.commands.execute(new StaffCommandMessage(command, meta, roles)),
      created,
    );
  }
}
