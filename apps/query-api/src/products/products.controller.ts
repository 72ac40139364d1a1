import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { foldText, PRODUCT_CODE_SENT, productCodeOf } from '#domain';
import { productKinds, type ProductKind } from '#events';
import { patternParam, problem } from '#platform';
import { collections, type ProductDoc } from '#read-models';
import { type ReadStore } from '#read-store';
import { keptPage, pageOptions } from '../shared/page';
import { inUse, IsInUseFilter, PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

export class ProductsQuery extends PageQuery {
  @IsInUseFilter('retired') status?: 'active' | 'retired';
  @ApiPropertyOptional({ enum: productKinds }) @IsOptional() @IsIn(productKinds) kind?: ProductKind;
  @ApiPropertyOptional({
    description: 'Only codes starting with this (any case)',
    pattern: PRODUCT_CODE_SENT.source,
  })
  @IsOptional()
  @Matches(PRODUCT_CODE_SENT, { message: 'code must be the start of a product code' })
  code?: string;
  @ApiPropertyOptional({
    description: 'Name or code contains this, case and diacritics ignored',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** Minor units and quantities added up as floats: a quantity shows its 3 decimals. */
const thousandths = (n: number) => Math.round(n * 1000) / 1000;

const view = (doc: ProductDoc) => ({
  productCode: doc.productCode,
  name: doc.name,
  kind: doc.kind,
  unit: doc.unit,
  vatRate: doc.vatRate,
  description: doc.description,
  prices: Object.entries(doc.prices)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, unitPrice]) => ({ currency, unitPrice })),
  status: doc.status,
  addedAt: doc.addedAt,
  changedAt: doc.changedAt,
  retiredAt: doc.retiredAt,
  retireReason: doc.retireReason,
  sold: Object.entries(doc.sold ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, s]) => ({ currency, quantity: thousandths(s.quantity), net: s.net })),
});

const codePipe = patternParam('code', PRODUCT_CODE_SENT, 'a product code', productCodeOf);

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'ProductPage',
    'The product catalogue',
    'Products and services by code, with their prices per currency and what issued invoices sold of each (net of credit notes); `status`, `kind`, the start of the `code` and `q` (name or code contains it) narrow it.',
  )
  @Get()
  async list(@Query() query: ProductsQuery) {
    const prefix = query.code?.toUpperCase();
    const filter = {
      ...inUse('retiredAt', query.status),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(prefix ? { _id: { $gte: prefix, $lt: `${prefix}\uffff` } } : {}),
    };
    const wanted = query.q?.trim() ? foldText(query.q.trim()) : undefined;
    const page = wanted
      ? await keptPage<ProductDoc>(
          this.store,
          collections.products,
          filter,
          query,
          [['_id', 1]],
          (p) => foldText(p.name).includes(wanted) || foldText(p.productCode).includes(wanted),
        )
      : await this.store.find<ProductDoc>(
          collections.products,
          filter,
          pageOptions(query, [['_id', 1]]),
        );
    return {
      items: page.items.map(view),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer(
    'ProductView',
    'One product',
    'The entry as it stands, what was sold of it, and every change of its prices, oldest first.',
  )
  @ApiParam({
    name: 'code',
    description: "The product's code (any case)",
    schema: { type: 'string', pattern: PRODUCT_CODE_SENT.source },
  })
  @Get(':code')
  async one(@Param('code', codePipe) code: string) {
    const doc = await this.store.get<ProductDoc>(collections.products, code);
    if (!doc)
      throw problem(404, 'product-not-found', 'Not found', `product ${code} does not exist`);
    return { ...view(doc), priceChanges: doc.priceChanges };
  }
}
