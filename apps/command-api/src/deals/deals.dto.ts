import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { IsBusinessDay, IsMoney, IsStaffId, IsText, MoneyDto } from '../command-handling/dto';
import { IsOmittable } from '#platform';

export class OpenDealDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() dealId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() pipelineId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the first stage' })
  @IsOmittable()
  @IsUUID()
  stageId?: string;
  @IsText(200) title!: string;
  @IsMoney() value!: MoneyDto;
  @IsOmittable() @IsStaffId() ownerId?: string;
}

export class MoveDealStageDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() stageId!: string;
}

export class ScheduleNextActionDto {
  @IsBusinessDay() dueOn!: string;
  @IsText(500) description!: string;
}

export class WinDealDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) note?: string;
}

export class LoseDealDto {
  @IsText(500) reason!: string;
}

export class ReopenDealDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOmittable() @IsText(500) reason?: string;
}

export class MoveDealToPipelineDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() pipelineId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the first stage' })
  @IsOmittable()
  @IsUUID()
  stageId?: string;
}
