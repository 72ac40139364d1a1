import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  IsMoney,
  IsPhone,
  IsRemovable,
  IsStaffId,
  IsText,
  MoneyDto,
} from '../command-handling/dto';
import { ApiSchemaRules, IsOmittable, notTogether } from '#platform';

export class CreateLeadDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() leadId?: string;
  @IsText(200) personName!: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) companyName?: string;
  @ApiPropertyOptional() @IsOmittable() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional()
  @IsOmittable()
  @IsPhone()
  phone?: string;
  @IsText(100) source!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Without it the routing rule for the lead's source chooses, else the creator",
  })
  @IsOmittable()
  @IsStaffId()
  ownerId?: string;
  @ApiPropertyOptional({ maxLength: 5000, description: 'What the person wrote or asked' })
  @IsOmittable()
  @IsText(5000)
  message?: string;
}

/** A correction: what is given replaces, `null` removes, what is left out stays. */
export class ChangeLeadDetailsDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(200) personName?: string;
  @IsRemovable() @IsText(200) companyName?: string | null;
  @IsRemovable() @IsEmail() @MaxLength(254) email?: string | null;
  @IsRemovable() @IsPhone() phone?: string | null;
}

export class QualifyLeadDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) note?: string;
}

export class DisqualifyLeadDto {
  @IsText(500) reason!: string;
}

export class EraseLeadDto {
  @ApiProperty({ example: 'Asked by phone not to be contacted and to be forgotten' })
  @IsText(500)
  reason!: string;
}

/** The customer a lead becomes: a new one (its id and kind may be given), or an existing one. */
@ApiSchemaRules(
  notTogether('existingCustomerId', 'customerId'),
  notTogether('existingCustomerId', 'customerKind'),
)
export class ConvertLeadDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() pipelineId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() stageId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The new customer's id (made when absent)" })
  @IsOmittable()
  @IsUUID()
  customerId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An existing customer the lead converts into (an account the company already has), instead of a new one; not with `customerId` or `customerKind`',
  })
  @IsOmittable()
  @IsUUID()
  existingCustomerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The new deal's id (made when absent)" })
  @IsOmittable()
  @IsUUID()
  dealId?: string;
  @ApiPropertyOptional({ enum: ['company', 'person'] })
  @IsOmittable()
  @IsIn(['company', 'person'])
  customerKind?: 'company' | 'person';
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) dealTitle?: string;
  @IsMoney() value!: MoneyDto;
}
