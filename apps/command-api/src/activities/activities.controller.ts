import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { uuidParam } from '#platform';
import { type CommandMeta, ReassignCommand } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import { AssigneeDto } from '../staff/reassign.dto';
import { ActivityCommandMessage } from '#commands';
import {
  cancelActivity,
  changeActivityDetails,
  completeActivity,
  logInteraction,
  rescheduleActivity,
  scheduleActivity,
} from './activities.commands';
import {
  CancelActivityDto,
  ChangeActivityDetailsDto,
  CompleteActivityDto,
  LogInteractionDto,
  RescheduleActivityDto,
  ScheduleActivityDto,
} from './activities.dto';

@CommandController('activities')
export class ActivitiesController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ summary: 'Schedule a task, call or meeting' })
  @Post()
  @HttpCode(201)
  async schedule(
    @Body() body: ScheduleActivityDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ActivityCommandMessage(scheduleActivity(body, meta), meta);
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({
    summary: 'Log an activity already done, with the time spent',
    description:
      'LogInteraction: a call or meeting that already happened, with summary and minutes.',
  })
  @Post('log')
  @HttpCode(201)
  async log(@Body() body: LogInteractionDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const command = new ActivityCommandMessage(logInteraction(body, meta), meta);
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({ summary: 'Reschedule an activity' })
  @Post(':id/reschedule')
  @HttpCode(200)
  async reschedule(
    @Param('id', uuidParam()) activityId: string,
    @Body() body: RescheduleActivityDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ActivityCommandMessage(rescheduleActivity(activityId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: "Correct a planned activity's details (ChangeActivityDetails)",
    description:
      'Title, notes and participants: a given one replaces (participants as the whole list), `null` removes the notes, a left-out one stays; nothing changed records nothing. A deal whose next action it is takes the new title. Refused once the activity is completed or cancelled.',
  })
  @Post(':id/details')
  @HttpCode(200)
  async changeDetails(
    @Param('id', uuidParam()) activityId: string,
    @Body() body: ChangeActivityDetailsDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ActivityCommandMessage(changeActivityDetails(activityId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({ summary: 'Complete an activity, with its outcome and time spent' })
  @Post(':id/complete')
  @HttpCode(200)
  async complete(
    @Param('id', uuidParam()) activityId: string,
    @Body() body: CompleteActivityDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ActivityCommandMessage(completeActivity(activityId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({ summary: 'Cancel an activity' })
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @Param('id', uuidParam()) activityId: string,
    @Body() body: CancelActivityDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ActivityCommandMessage(cancelActivity(activityId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: 'Delegate an activity to another staff member',
    description: 'DelegateActivity: a new assignee, with the reason.',
  })
  @Post(':id/delegate')
  @HttpCode(200)
  async delegate(
    @Param('id', uuidParam()) activityId: string,
    @Body() body: AssigneeDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new ReassignCommand('activity', activityId, body.assigneeId, body.reason, meta);
    return answer(await this.commands.execute(command), false);
  }
}
