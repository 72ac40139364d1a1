import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { collections, type InvoiceDoc, invoiceStatus } from '#read-models';
import { type Filter, type Range, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

const day = /^\d{4}-\d{2}-\d{2}$/;

export class InvoicesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: ['standard', 'prepayment'] })
  @IsOptional()
  @IsIn(['standard', 'prepayment'])
  kind?: string;
  @ApiPropertyOptional({ description: 'Issued on or after, YYYY-MM-DD' })
  @IsOptional()
  @Matches(day)
  issuedFrom?: string;
  @ApiPropertyOptional({ description: 'Issued on or before, YYYY-MM-DD' })
  @IsOptional()
  @Matches(day)
  issuedTo?: string;
}

@ApiTags('invoices')
@Controller('invoices')
export class InvoicesController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  /** Newest issue date first. */
  @Get()
  async list(@Query() query: InvoicesQuery) {
    const issuedOn: Range = {};
    if (query.issuedFrom) issuedOn.$gte = query.issuedFrom;
    if (query.issuedTo) issuedOn.$lte = query.issuedTo;
    const filter: Filter = {
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.issuedFrom || query.issuedTo ? { issuedOn } : {}),
    };
    const page = await this.store.find<InvoiceDoc>(
      collections.invoices,
      filter,
      pageOptions(query, [['issuedOn', -1]]),
    );
    return {
      items: page.items.map(({ _id, ...invoice }) => ({
        invoiceId: _id,
        ...invoice,
        status: invoiceStatus({ _id, ...invoice }),
        outstanding:
          invoice.voidedAt || invoice.draft ? 0 : Math.max(0, invoice.totals.gross - invoice.paid),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
