import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { activityKinds, type ActivityKind } from '#events';
import { IsBusinessDay, IsStaffId, IsText } from '../command-handling/dto';

export class ScheduleActivityDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() activityId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiProperty({ enum: activityKinds }) @IsIn(activityKinds) kind!: ActivityKind;
  @IsText(200) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsText(5000) notes?: string;
  @ApiPropertyOptional({ description: 'A task’s due day; or send startsAt and endsAt' })
  @IsOptional()
  @IsBusinessDay()
  dueOn?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ticketId?: string;
  @IsOptional() @IsStaffId() assigneeId?: string;
}

export class CompleteActivityDto {
  @IsText(2000) outcome!: string;
  @ApiProperty({ minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100000)
  minutesSpent!: number;
}

export class CancelActivityDto {
  @ApiPropertyOptional() @IsOptional() @IsText(500) reason?: string;
}
