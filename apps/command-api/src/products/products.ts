import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PRODUCT_CODE_SENT, productCodeOf, type ProductCommand, productDecider } from '#domain';
import { productKinds, type ProductKind } from '#events';
import { acrossFields, anyOfFields, ApiSchemaRules, IsOmittable, patternParam } from '#platform';
import { AggregateRepository, type CommandMeta } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsDecimal, IsText, RetireDto } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';

const currencyMessage = { message: 'currency must be an ISO 4217 code such as EUR' };

const UnitPrice = (nullable: boolean) => (target: object, key: string) => {
  ApiProperty({
    type: 'integer',
    description: nullable
      ? 'Integer minor units, net of VAT; null: no longer sold in this currency'
      : 'Integer minor units, net of VAT',
    minimum: 0,
    maximum: 100_000_000_000,
    example: 6500,
    ...(nullable ? { nullable: true } : {}),
  })(target, key);
  if (nullable) ValidateIf((_, v) => v !== null)(target, key);
  IsInt()(target, key);
  Min(0)(target, key);
  Max(100_000_000_000)(target, key);
};

const VatRate = (required: boolean) => (target: object, key: string) => {
  (required ? ApiProperty : ApiPropertyOptional)({
    description: 'Percent, up to 2 decimals',
    example: 24,
    minimum: 0,
    maximum: 100,
  })(target, key);
  if (!required) IsOmittable()(target, key);
  IsDecimal(2)(target, key);
  Min(0)(target, key);
  Max(100)(target, key);
};

export class ProductPriceDto {
  @ApiProperty({ example: 'EUR' }) @Matches(/^[A-Z]{3}$/, currencyMessage) currency!: string;
  @UnitPrice(false) unitPrice!: number;
}

export class AddProductDto {
  @ApiProperty({
    pattern: PRODUCT_CODE_SENT.source,
    description:
      'The code lines name it by, for good (upper case; sent in any case): letters, digits, `.`, `_`, `-`',
    example: 'SRV-HOOLDUS',
  })
  @IsString()
  @Matches(PRODUCT_CODE_SENT, {
    message: 'productCode must be a letter or digit, then up to 39 letters, digits, . _ or -',
  })
  productCode!: string;
  @IsText(200) name!: string;
  @ApiProperty({ enum: productKinds }) @IsIn(productKinds) kind!: ProductKind;
  @ApiProperty({ description: 'How it is counted on a line', example: 'h', maxLength: 20 })
  @IsText(20)
  unit!: string;
  @VatRate(true) vatRate!: number;
  @ApiPropertyOptional({
    type: [ProductPriceDto],
    maxItems: 20,
    description: 'Its unit price in each currency it is sold in, one each',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProductPriceDto)
  prices?: ProductPriceDto[];
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsText(2000)
  description?: string;
}

@ApiSchemaRules(anyOfFields('name', 'kind', 'unit', 'vatRate', 'description'))
export class ChangeProductDetailsDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOmittable() @IsText(200) name?: string;
  @ApiPropertyOptional({ enum: productKinds })
  @IsOmittable()
  @IsIn(productKinds)
  kind?: ProductKind;
  @ApiPropertyOptional({ maxLength: 20 }) @IsOmittable() @IsText(20) unit?: string;
  @VatRate(false) vatRate?: number;
  @ApiPropertyOptional({ maxLength: 2000, description: 'An empty text clears it' })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

// The price may be null, but is always sent.
@ApiSchemaRules(
  acrossFields(
    { required: ['unitPrice'] },
    'unitPrice',
    'unitPrice is required (null: no longer sold in this currency)',
  ),
)
export class PriceProductDto {
  @ApiProperty({ example: 'EUR' }) @Matches(/^[A-Z]{3}$/, currencyMessage) currency!: string;
  @UnitPrice(true) unitPrice!: number | null;
}

export class ProductCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: ProductCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ProductCommandMessage)
export class ProductHandler implements ICommandHandler<ProductCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: ProductCommandMessage): Promise<CommandResult> {
    const { productCode } = command;
    const r = await this.repository.execute(`product-${productCode}`, productDecider, meta, (s) =>
      productDecider.decide(command, s),
    );
    return { id: productCode, revision: r.revision, position: r.position };
  }
}

/** The `:code` of a product: its OpenAPI entry, and a 400 for anything that is no code. */
const CodeParam = () =>
  ApiParam({
    name: 'code',
    description: "The product's code (any case)",
    schema: { type: 'string', pattern: PRODUCT_CODE_SENT.source },
  });
const codePipe = patternParam('code', PRODUCT_CODE_SENT, 'a product code', productCodeOf);

@CommandController('products')
export class ProductsController {
  constructor(private readonly commands: CommandBus) {}

  private run(command: ProductCommand, meta: CommandMeta, created = false) {
    return this.commands
      .execute(new ProductCommandMessage(command, meta))
      .then((r) => answer(r, created));
  }

  @ApiOperation({
    summary: 'Add a product or service to the catalogue',
    description:
      'AddProduct: under a code that names it for good (409 `product-exists`, retired or not), with its name, kind, unit, VAT rate and a price per currency. Offer and invoice lines that name the code take their text, price and VAT rate from it.',
  })
  @Post()
  @HttpCode(201)
  async add(@Body() body: AddProductDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.run(
      {
        type: 'AddProduct',
        productCode: productCodeOf(body.productCode),
        name: body.name,
        kind: body.kind,
        unit: body.unit,
        vatRate: body.vatRate,
        prices: (body.prices ?? []).map((p) => ({ currency: p.currency, unitPrice: p.unitPrice })),
        ...(body.description ? { description: body.description } : {}),
        now: meta.now,
      },
      meta,
      true,
    );
  }

  @ApiOperation({
    summary: "Change a product's name, kind, unit, VAT rate or description",
    description:
      'ChangeProductDetails: lines already made keep what they said; new ones take the new details. Unchanged values are no news.',
  })
  @CodeParam()
  @Post(':code/details')
  @HttpCode(200)
  async details(
    @Param('code', codePipe) productCode: string,
    @Body() body: ChangeProductDetailsDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const { name, kind, unit, vatRate, description } = body;
    return this.run(
      {
        type: 'ChangeProductDetails',
        productCode,
        ...(name !== undefined ? { name } : {}),
        ...(kind !== undefined ? { kind } : {}),
        ...(unit !== undefined ? { unit } : {}),
        ...(vatRate !== undefined ? { vatRate } : {}),
        ...(description !== undefined ? { description } : {}),
        now: meta.now,
      },
      meta,
    );
  }

  @ApiOperation({
    summary: "Set a product's price in one currency",
    description:
      'PriceProduct: the unit price new lines in that currency take from now on (null: it is no longer sold in it). Offers and invoices already made keep their prices; the price history stays.',
  })
  @CodeParam()
  @Post(':code/prices')
  @HttpCode(200)
  async price(
    @Param('code', codePipe) productCode: string,
    @Body() body: PriceProductDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.run(
      {
        type: 'PriceProduct',
        productCode,
        currency: body.currency,
        unitPrice: body.unitPrice,
        now: meta.now,
      },
      meta,
    );
  }

  @ApiOperation({
    summary: 'Retire a product: no longer sold',
    description:
      'RetireProduct: new lines may not name it (409 `product-retired`); offers and invoices that did keep it, and its code stays reserved.',
  })
  @CodeParam()
  @Post(':code/retire')
  @HttpCode(200)
  async retire(
    @Param('code', codePipe) productCode: string,
    @Body() body: RetireDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.run(
      {
        type: 'RetireProduct',
        productCode,
        ...(body.reason ? { reason: body.reason } : {}),
        now: meta.now,
      },
      meta,
    );
  }

  @ApiOperation({ summary: 'Restore a retired product: sold again (RestoreProduct)' })
  @CodeParam()
  @Post(':code/restore')
  @HttpCode(200)
  async restore(
    @Param('code', codePipe) productCode: string,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.run({ type: 'RestoreProduct', productCode, now: meta.now }, meta);
  }
}
