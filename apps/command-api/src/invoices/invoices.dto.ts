import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
  @ApiProperty({ type: [InvoiceLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines!: InvoiceLineDto[];
}
