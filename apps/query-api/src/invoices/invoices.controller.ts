import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import {
  collections,
  type InvoiceDoc,
  invoiceMoney,
  invoiceStatus,
  invoiceStatusRank,
  type InvoiceStatus,
} from '#read-models';
import { findAll, type Filter, type Range, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';
import { businessToday, IsTimeZone } from '../shared/today';

const day = /^\d{4}-\d{2}-\d{2}$/;
const statuses = Object.keys(invoiceStatusRank) as InvoiceStatus[];
/** Issued and not settled: what can be overdue. */
const owing = [invoiceStatusRank.issued, invoiceStatusRank.sent, invoiceStatusRank.partially_paid];

export class InvoicesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: ['standard', 'prepayment'] })
  @IsOptional()
  @IsIn(['standard', 'prepayment'])
  kind?: string;
  @ApiPropertyOptional({ enum: statuses })
  @IsOptional()
  @IsIn(statuses)
  status?: InvoiceStatus;
  @ApiPropertyOptional({ enum: ['true'], description: 'Only unpaid invoices past their due date' })
  @IsOptional()
  @IsIn(['true'])
  overdue?: string;
  @ApiPropertyOptional({ description: 'Issued on or after, YYYY-MM-DD' })
  @IsOptional()
  @Matches(day)
  issuedFrom?: string;
  @ApiPropertyOptional({ description: 'Issued on or before, YYYY-MM-DD' })
  @IsOptional()
  @Matches(day)
  issuedTo?: string;
  @IsTimeZone() tz?: string;
}

type Totals = {
  invoiced: number;
  paid: number;
  outstanding: number;
  overdue: number;
  credit: number;
  count: number;
};

@ApiTags('invoices')
@Controller('invoices')
export class InvoicesController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  /** The ledger, newest issue date first, with totals per currency over the whole filter. */
  @Get()
  async list(@Query() query: InvoicesQuery) {
    const today = businessToday(query.tz);
    const issuedOn: Range = {};
    if (query.issuedFrom) issuedOn.$gte = query.issuedFrom;
    if (query.issuedTo) issuedOn.$lte = query.issuedTo;
    const filter: Filter = {
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.status ? { statusRank: invoiceStatusRank[query.status] } : {}),
      ...(query.overdue ? { statusRank: { $in: owing }, dueOn: { $lt: today } } : {}),
      ...(query.issuedFrom || query.issuedTo ? { issuedOn } : {}),
    };
    const page = await this.store.find<InvoiceDoc>(
      collections.invoices,
      filter,
      pageOptions(query, [['issuedOn', -1]]),
    );
    const totals: Record<string, Totals> = {};
    for (const i of await findAll<InvoiceDoc>(this.store, collections.invoices, filter)) {
      if (i.draft || i.voidedAt) continue;
      const t = (totals[i.currency] ??= {
        invoiced: 0,
        paid: 0,
        outstanding: 0,
        overdue: 0,
        credit: 0,
        count: 0,
      });
      const money = invoiceMoney(i);
      t.invoiced += money.due;
      t.paid += money.received;
      t.outstanding += money.outstanding;
      t.credit += money.overpaid;
      if (i.dueOn < today) t.overdue += money.outstanding;
      t.count += 1;
    }
    return {
      items: page.items.map((doc) => presentInvoice(doc, today)),
      totals,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}

/** An invoice as the API shows it: its status, what is due, owed and overdue today. */
export const presentInvoice = (doc: InvoiceDoc, today: string) => {
  const {
    _id,
    statusRank: _r,
    _position: _p,
    sent: _s,
    voided: _v,
    ...invoice
  } = doc as InvoiceDoc & { _position?: number };
  const money = invoiceMoney(doc);
  return {
    invoiceId: _id,
    ...invoice,
    status: invoiceStatus(doc),
    due: money.due,
    received: money.received,
    outstanding: money.outstanding,
    overpaid: money.overpaid,
    overdue: money.outstanding > 0 && doc.dueOn < today,
  };
};
