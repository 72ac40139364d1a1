import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { customerLanguages, type CustomerLanguage } from '#events';
import { IsStaffId, IsText } from '../command-handling/dto';

export class AddressDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) street?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 code such as EE' })
  country?: string;
}

export class RegisterCustomerDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: ['company', 'person'] }) @IsIn(['company', 'person']) kind!:
    'company' | 'person';
  @IsText(200) name!: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\w-]{1,50}$/, { message: 'registryCode must be a registry code' })
  registryCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[\d ()-]{3,40}$/, { message: 'phone must be a phone number' })
  phone?: string;
  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
  @IsOptional() @IsStaffId() ownerId?: string;
  @ApiPropertyOptional({
    enum: customerLanguages,
    description:
      'The language of invoices and messages to the customer; DEFAULT_LANGUAGE when left out',
  })
  @IsOptional()
  @IsIn(customerLanguages)
  preferredLanguage?: CustomerLanguage;
}
