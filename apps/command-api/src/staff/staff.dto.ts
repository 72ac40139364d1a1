import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { staffRoles, type StaffRole } from '#events';
import { IsStaffId, IsText } from '../command-handling/dto';
import { IsOmittable } from '#platform';

const IsRoles = () => (target: object, key: string) => {
  ApiProperty({ enum: staffRoles, isArray: true })(target, key);
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(staffRoles.length)(target, key);
  IsIn(staffRoles, { each: true, message: `each role must be one of ${staffRoles.join(', ')}` })(
    target,
    key,
  );
};

export class RegisterStaffMemberDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The sub of the member’s tokens' })
  @IsOmittable()
  @IsUUID()
  staffId?: string;
  @IsText(200) name!: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @IsRoles() roles!: StaffRole[];
}

export class ChangeStaffRolesDto {
  @IsRoles() roles!: StaffRole[];
}

export class RenameStaffMemberDto {
  @IsText(200) name!: string;
}

export class DeactivateStaffMemberDto {
  @IsStaffId(true) successorId!: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOmittable() @IsText(500) reason?: string;
}
