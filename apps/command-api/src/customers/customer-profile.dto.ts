import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  consentChannels,
  type ConsentChannel,
  contactChannels,
  type ContactChannel,
  customerCategories,
  customerLanguages,
  type CustomerLanguage,
  type CustomerCategory,
  decisionStyles,
  type DecisionStyle,
  familyStatuses,
  type FamilyStatus,
} from '#events';
import {
  AllowsDuplicate,
  IsBusinessDay,
  IsPhone,
  IsTags,
  IsRemovable,
  IsText,
} from '../command-handling/dto';
import { AddressDto } from './customers.dto';
import { IsOmittable, IsTimestamp, IsWebAddress } from '#platform';

export class LabelledAddressDto extends AddressDto {
  @ApiPropertyOptional({ example: 'billing' }) @IsOmittable() @IsText(40) label?: string;
}

export class DemographicsDto {
  @IsRemovable() @IsBusinessDay() birthDate?: string | null;
  @ApiPropertyOptional({ enum: familyStatuses, nullable: true })
  @IsOptional()
  @IsIn(familyStatuses)
  familyStatus?: FamilyStatus | null;
  @ApiPropertyOptional({ nullable: true, minimum: 0, maximum: 30 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  children?: number | null;
  @IsRemovable() @IsText(100) homeCity?: string | null;
}

export class PsychographicsDto {
  @ApiPropertyOptional({ type: [String], maxItems: 30 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  interests?: string[];
  @ApiPropertyOptional({ enum: decisionStyles, nullable: true })
  @IsOptional()
  @IsIn(decisionStyles)
  decisionStyle?: DecisionStyle | null;
  @ApiPropertyOptional({ enum: contactChannels, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(contactChannels.length)
  @IsIn(contactChannels, { each: true })
  communicationPreferences?: ContactChannel[];
  @IsRemovable() @IsText(5000) notes?: string | null;
}

/** Only the fields sent change; a list replaces the previous list; `null` clears. */
export class UpdateCustomerProfileDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(200) name?: string;
  @ApiPropertyOptional({ type: [String], maxItems: 10 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true })
  emails?: string[];
  @ApiPropertyOptional({ type: [String], maxItems: 10 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsPhone(true)
  phones?: string[];
  @ApiPropertyOptional({ type: [LabelledAddressDto], maxItems: 10 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LabelledAddressDto)
  addresses?: LabelledAddressDto[];
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsWebAddress()
  @MaxLength(300)
  website?: string | null;
  @ApiPropertyOptional({
    enum: customerLanguages,
    nullable: true,
    description: 'The language of invoices and messages; null returns to the default',
  })
  @IsOptional()
  @IsIn(customerLanguages)
  preferredLanguage?: CustomerLanguage | null;
  @ApiPropertyOptional({ type: DemographicsDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => DemographicsDto)
  demographic?: DemographicsDto;
  @ApiPropertyOptional({ type: PsychographicsDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => PsychographicsDto)
  psychographic?: PsychographicsDto;
}

export class AddContactPersonDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() contactId?: string;
  @IsText(200) name!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(100) role?: string;
  @ApiPropertyOptional() @IsOmittable() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional()
  @IsOmittable()
  @IsPhone()
  phone?: string;
}

export class UpdateContactPersonDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(200) name?: string;
  @IsRemovable() @IsText(100) role?: string | null;
  @IsRemovable() @IsEmail() @MaxLength(254) email?: string | null;
  @IsRemovable() @IsPhone() phone?: string | null;
}

export class RemoveContactPersonDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

export class CategorizeCustomerDto {
  @ApiProperty({ enum: customerCategories }) @IsIn(customerCategories) category!: CustomerCategory;
  @IsText(500) reason!: string;
}

export class TagCustomerDto {
  @IsTags() add?: string[];
  @IsTags() remove?: string[];
}

export class RecordConsentDto {
  @ApiProperty({ enum: consentChannels }) @IsIn(consentChannels) channel!: ConsentChannel;
  @ApiProperty({ example: 'web form', description: 'Where the consent came from' })
  @IsText(200)
  source!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When it was given; default now' })
  @IsOmittable()
  @IsTimestamp()
  givenAt?: string;
}

export class WithdrawConsentDto {
  @ApiProperty({ enum: consentChannels }) @IsIn(consentChannels) channel!: ConsentChannel;
  @ApiProperty({ example: 'unsubscribe link' }) @IsText(200) source!: string;
}

export class ActivityCodeDto {
  @ApiProperty()
  @Matches(/^[\w.-]{1,20}$/, { message: 'code must be an activity code' })
  code!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(300) name?: string;
}

export class ImportRegistryDataDto {
  @ApiProperty({ example: 'EE e-Business Register' }) @IsText(100) registry!: string;
  @ApiProperty()
  @Matches(/^[\w-]{1,50}$/, { message: 'registryCode must be a registry code' })
  registryCode!: string;
  @IsText(300) legalName!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(100) legalForm?: string;
  @ApiPropertyOptional({ type: AddressDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
  @ApiPropertyOptional() @IsOmittable() @IsText(100) status?: string;
  @ApiPropertyOptional()
  @IsOmittable()
  @Matches(/^[A-Z]{2}[\dA-Z]{2,13}$/, {
    message: 'vatNumber must be a VAT number such as EE100000001',
  })
  vatNumber?: string;
  @ApiPropertyOptional({ type: [ActivityCodeDto], maxItems: 50 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ActivityCodeDto)
  activityCodes?: ActivityCodeDto[];
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOmittable()
  @IsTimestamp()
  retrievedAt?: string;
  @AllowsDuplicate('Import the facts') allowDuplicate?: boolean;
}

export class ArchiveCustomerDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

export class EraseCustomerDto {
  @ApiProperty({ example: 'Erasure request of 2026-11-02 by e-mail' })
  @IsText(500)
  reason!: string;
}

export class RestoreCustomerDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}
