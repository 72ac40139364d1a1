import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsMoney, IsStaffId, IsText, MoneyDto } from '../command-handling/dto';

export class CreateLeadDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() leadId?: string;
  @IsText(200) personName!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) companyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[\d ()-]{3,40}$/, { message: 'phone must be a phone number' })
  phone?: string;
  @IsText(100) source!: string;
  @IsOptional() @IsStaffId() ownerId?: string;
}

export class QualifyLeadDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class DisqualifyLeadDto {
  @IsText(500) reason!: string;
}

export class EraseLeadDto {
  @ApiProperty({ example: 'Asked by phone not to be contacted and to be forgotten' })
  @IsText(500)
  reason!: string;
}

export class ConvertLeadDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() pipelineId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() stageId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ enum: ['company', 'person'] })
  @IsOptional()
  @IsIn(['company', 'person'])
  customerKind?: 'company' | 'person';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) dealTitle?: string;
  @IsMoney() value!: MoneyDto;
}
