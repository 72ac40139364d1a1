import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDay, IsMoney, IsText, MoneyDto } from '../command-handling/dto';
import { amountBound, LineFieldsDto, productOr, UnlessProduct } from '../invoices/invoices.dto';
import { productKinds, type ProductKind } from '#events';
import { ApiSchemaRules, IsOmittable } from '#platform';

@ApiSchemaRules(productOr('description', 'unitPrice', 'vatRate', 'kind'))
export class OfferLineDto extends LineFieldsDto {
  @ApiPropertyOptional({
    description: 'Integer minor units; required unless the line names a product (its price)',
    example: 4500,
    minimum: 0,
    maximum: 100_000_000_000,
  })
  @UnlessProduct()
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  unitPrice?: number;
  @ApiPropertyOptional({
    enum: productKinds,
    description: 'Required unless the line names a product (its kind)',
  })
  @UnlessProduct()
  @IsIn(productKinds)
  kind?: ProductKind;
}

export class ReviseOfferDto {
  @ApiProperty({ type: [OfferLineDto], minItems: 1, maxItems: 200, description: amountBound })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OfferLineDto)
  lines!: OfferLineDto[];
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @ApiPropertyOptional({ description: 'Payment and delivery terms' })
  @IsOmittable()
  @IsText(5000)
  terms?: string;
  @IsBusinessDay() validUntil!: string;
}

export class MakeOfferDto extends ReviseOfferDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() offerId?: string;
}

export class AcceptOfferDto {
  @ApiPropertyOptional({ description: 'The version the customer accepted; default the latest' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  version?: number;
}

export class RejectOfferDto {
  @IsText(500) reason!: string;
}

export class ExpireOfferDto {
  @ApiPropertyOptional({ description: 'The day the sweep ran for; default today; not later' })
  @IsOmittable()
  @IsBusinessDay()
  asOf?: string;
}

export class ChangeDealValueDto {
  @IsMoney() value!: MoneyDto;
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}
