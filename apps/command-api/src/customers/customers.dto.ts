import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { customerLanguages, type CustomerLanguage } from '#events';
import { AllowsDuplicate, IsPhone, IsStaffId, IsText } from '../command-handling/dto';
import { IsOmittable } from '#platform';

export class AddressDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) street?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional({ description: 'County or region (maakond)' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  county?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(20) postalCode?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOmittable()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 code such as EE' })
  country?: string;
}

export class RegisterCustomerDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: ['company', 'person'] }) @IsIn(['company', 'person']) kind!:
    'company' | 'person';
  @IsText(200) name!: string;
  @ApiPropertyOptional()
  @IsOmittable()
  @Matches(/^[\w-]{1,50}$/, { message: 'registryCode must be a registry code' })
  registryCode?: string;
  @AllowsDuplicate('Register the company') allowDuplicate?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional()
  @IsOmittable()
  @IsPhone()
  phone?: string;
  @ApiPropertyOptional({ type: AddressDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
  @IsOmittable() @IsStaffId() ownerId?: string;
  @ApiPropertyOptional({
    enum: customerLanguages,
    description:
      'The language of invoices and messages to the customer; DEFAULT_LANGUAGE when left out',
  })
  @IsOmittable()
  @IsIn(customerLanguages)
  preferredLanguage?: CustomerLanguage;
  @ApiPropertyOptional({
    maxLength: 100,
    description:
      'Where the customer came from (a referral, a fair, a walk-in), as lead sources say it; a customer converted from a lead has its source',
    example: 'referral',
  })
  @IsOmittable()
  @IsText(100)
  source?: string;
}
