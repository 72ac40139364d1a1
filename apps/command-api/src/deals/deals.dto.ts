import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { orderStatuses, type OrderStatus } from '#events';
import { IsBusinessDay, IsMoney, IsStaffId, IsText, MoneyDto } from '../command-handling/dto';
import { IsDay, IsOmittable } from '#platform';

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
  @ApiPropertyOptional({ format: 'date', description: 'The day it is expected to close' })
  @IsOmittable()
  @IsDay()
  expectedCloseOn?: string;
}

export class RenameDealDto {
  @IsText(200) title!: string;
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

export class PlaceOrderDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() orderId?: string;
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-03-02',
    description: 'The day the customer confirmed the order; today by default, never later',
  })
  @IsOmittable()
  @IsDay()
  confirmedOn?: string;
  @ApiProperty({ example: '2026-03-15', description: 'The day delivery is promised for' })
  @IsDay()
  promisedOn!: string;
  @ApiPropertyOptional({ maxLength: 100, description: "The customer's own order number" })
  @IsOmittable()
  @IsText(100)
  reference?: string;
}

const laterStatuses = orderStatuses.filter((s) => s !== 'confirmed');

export class ChangeOrderStatusDto {
  @ApiProperty({ enum: laterStatuses }) @IsIn(laterStatuses) status!: Exclude<
    OrderStatus,
    'confirmed'
  >;
  @ApiPropertyOptional({ format: 'date', description: 'The day it happened; today by default' })
  @IsOmittable()
  @IsDay()
  on?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOmittable() @IsText(1000) note?: string;
}

export class ChangeOrderPromiseDto {
  @ApiProperty({ example: '2026-03-22', description: 'The new day delivery is promised for' })
  @IsDay()
  promisedOn!: string;
  @IsText(500) reason!: string;
}

export class SetExpectedCloseDto {
  @ApiProperty({ example: '2026-03-31', description: 'The day the deal is expected to close' })
  @IsDay()
  expectedCloseOn!: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOmittable() @IsText(500) reason?: string;
}
