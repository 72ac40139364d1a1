import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { sendChannels, type SendChannel } from '#events';
import { IsBusinessDay, IsText } from '../command-handling/dto';

export class InvoiceLineDto {
  @IsText(500) description!: string;
  @ApiProperty({ description: 'Up to 3 decimals', example: 1.5 })
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(1_000_000)
  quantity!: number;
  @ApiProperty({ description: 'Integer minor units', example: 4500 })
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  unitPrice!: number;
  @ApiPropertyOptional({ description: 'Percent, up to 2 decimals', default: 0 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  discountPercent?: number;
  @ApiProperty({ description: 'Percent, up to 2 decimals', example: 24 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  vatRate!: number;
}

export class IssueInvoiceDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() invoiceId?: string;
  @ApiProperty({ enum: ['standard', 'prepayment'] }) @IsIn(['standard', 'prepayment']) kind!:
    'standard' | 'prepayment';
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @IsBusinessDay() issuedOn!: string;
  @IsBusinessDay() dueOn!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'An accepted offer whose lines to copy' })
  @IsOptional()
  @IsUUID()
  offerId?: string;
  @ApiPropertyOptional({
    type: [InvoiceLineDto],
    description: 'Omit to copy the lines of the accepted offer of dealId (or offerId)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines?: InvoiceLineDto[];
}

export class SendInvoiceDto {
  @ApiProperty({ enum: sendChannels }) @IsIn(sendChannels) channel!: SendChannel;
  @ApiProperty({ description: 'E-mail address, postal address or e-invoice operator id' })
  @IsText(300)
  recipient!: string;
}

export class RecordPaymentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Bank transaction id; repeats are ignored' })
  @IsOptional()
  @IsUUID()
  paymentId?: string;
  @ApiProperty({ description: 'Integer minor units' })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  amount!: number;
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @IsBusinessDay() paidOn!: string;
  @ApiPropertyOptional({ description: 'Bank reference or description' })
  @IsOptional()
  @IsText(200)
  reference?: string;
  @ApiPropertyOptional({ description: 'Keep a payment above what is owed as a credit' })
  @IsOptional()
  @IsBoolean()
  allowOverpayment?: boolean;
}

export class VoidInvoiceDto {
  @IsText(500) reason!: string;
}

export class IssueDraftDto {
  @IsBusinessDay() issuedOn!: string;
  @IsBusinessDay() dueOn!: string;
}

/** A draft: the invoice without number and dates; copies an accepted offer like IssueInvoice. */
export class DraftInvoiceDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() invoiceId?: string;
  @ApiProperty({ enum: ['standard', 'prepayment'] }) @IsIn(['standard', 'prepayment']) kind!:
    'standard' | 'prepayment';
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() offerId?: string;
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @ApiPropertyOptional({ type: [InvoiceLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines?: InvoiceLineDto[];
}

export class DiscardDraftDto {
  @ApiPropertyOptional() @IsOptional() @IsText(500) reason?: string;
}

export class UpdateDraftDto {
  @ApiProperty({ enum: ['standard', 'prepayment'] }) @IsIn(['standard', 'prepayment']) kind!:
    'standard' | 'prepayment';
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @ApiProperty({ type: [InvoiceLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines!: InvoiceLineDto[];
}
