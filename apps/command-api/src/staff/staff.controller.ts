import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Principal, uuidParam } from '#platform';
import { type CommandMeta } from '#commands';
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

@CommandController('staff')
export class StaffController {
  constructor(private readonly commands: CommandBus) {}

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
