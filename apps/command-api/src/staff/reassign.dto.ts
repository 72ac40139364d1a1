import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsStaffId, IsText } from '../command-handling/dto';
import { IsOmittable } from '#platform';

export class OwnerDto {
  @IsStaffId(true) ownerId!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

export class AssigneeDto {
  @IsStaffId(true) assigneeId!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}
