import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { activityKinds, type ActivityKind } from '#events';
import { IsBusinessDay, IsRemovable, IsStaffId, IsText } from '../command-handling/dto';
import { ApiSchemaRules, exactlyOneOf, IsOmittable, IsTimestamp } from '#platform';

export class ParticipantDto {
  @ApiProperty({ enum: ['staff', 'contact'] }) @IsIn(['staff', 'contact']) kind!:
    'staff' | 'contact';
  @ApiProperty({
    format: 'uuid',
    description: 'A staff member or a contact person of the customer',
  })
  @IsUUID()
  id!: string;
}

const IsParticipants = () => (target: object, key: string) => {
  ApiPropertyOptional({ type: [ParticipantDto], maxItems: 50 })(target, key);
  IsOmittable()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(50)(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => ParticipantDto)(target, key);
};

/** When: a due day, or a start and an end (the handler requires exactly one of the two). */
/** A due day, or a start and an end: one of the two. */
@ApiSchemaRules(exactlyOneOf(['dueOn'], ['startsAt', 'endsAt']))
export class TimingDto {
  @ApiPropertyOptional({ description: 'A task’s due day; or send startsAt and endsAt' })
  @IsOmittable()
  @IsBusinessDay()
  dueOn?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOmittable()
  @IsTimestamp()
  startsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOmittable()
  @IsTimestamp()
  endsAt?: string;
}

export class ScheduleActivityDto extends TimingDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() activityId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiProperty({ enum: activityKinds }) @IsIn(activityKinds) kind!: ActivityKind;
  @IsText(200) title!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(5000) notes?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() ticketId?: string;
  @IsParticipants() participants?: ParticipantDto[];
  @IsOmittable() @IsStaffId() assigneeId?: string;
}

/** A correction of a planned activity: what is given replaces, `null` removes the notes. */
export class ChangeActivityDetailsDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(200) title?: string;
  @IsRemovable() @IsText(5000) notes?: string | null;
  @ApiPropertyOptional({ description: 'Who takes part from now on (the whole list)' })
  @IsParticipants()
  participants?: ParticipantDto[];
}

export class RescheduleActivityDto extends TimingDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

/** LogInteraction: a call, meeting or other contact that already happened. */
export class LogInteractionDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() activityId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiProperty({ enum: activityKinds }) @IsIn(activityKinds) kind!: ActivityKind;
  @IsText(5000) summary!: string;
  @ApiProperty({ minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100000)
  minutesSpent!: number;
  @ApiProperty({ format: 'date-time' }) @IsTimestamp() occurredAt!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() ticketId?: string;
  @IsParticipants() participants?: ParticipantDto[];
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
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}
