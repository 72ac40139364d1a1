import { Answer, FileAnswer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import {
  documentSettings,
  type DocumentSettings,
  EInvoiceIncompleteError,
  type InvoiceDocument,
  loadInvoiceDocument,
  renderEInvoice,
  renderInvoicePdf,
} from '#documents';
import { IsDay, problem, readConfig, uuidParam } from '#platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  collections,
  type InvoiceDoc,
  invoiceMoney,
  invoicePart,
  invoiceTotals,
  invoiceTotalsFields,
  readInvoiceTotals,
  readOverdueTotals,
  ledgerSelection,
  invoiceStatus,
  invoiceStatusRank,
  type InvoiceStatus,
  pastDue,
} from '#read-models';
import { findAll, type Range, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { fileAnswer } from '../shared/file';
import { READ_STORE } from '../shared/read-store.provider';
import { businessToday, IsTimeZone, TodayQuery } from '../shared/today';

const statuses = Object.keys(invoiceStatusRank) as InvoiceStatus[];

const fileName = (document: InvoiceDocument) =>
  `${document.kind === 'credit-note' ? 'credit-note' : 'invoice'}-${document.number}`;

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
  @ApiPropertyOptional({
    enum: ['true'],
    description:
      'Only invoices still owed (issued, sent or partly paid) past their due date; with `status`, those of that status',
  })
  @IsOptional()
  @IsIn(['true'])
  overdue?: string;
  @ApiPropertyOptional({ description: 'Issued on or after, YYYY-MM-DD' })
  @IsOptional()
  @IsDay()
  issuedFrom?: string;
  @ApiPropertyOptional({ description: 'Issued on or before, YYYY-MM-DD' })
  @IsOptional()
  @IsDay()
  issuedTo?: string;
  @IsTimeZone() tz?: string;
}

const creditNoteNumber = /^CN-\d{4}-\d{6}$/;
const creditNoteParameter = {
  name: 'number',
  description: 'The credit note number, such as CN-2026-000001',
  schema: { type: 'string' as const, pattern: '^CN-[0-9]{4}-[0-9]{6}$' },
};

@ApiTags('invoices')
@Controller('invoices')
export class InvoicesController {
  private readonly documents: DocumentSettings;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {
    this.documents = documentSettings(readConfig());
  }

  @Answer(
    'InvoiceView',
    'One invoice: lines, totals, payments, refunds, transfers, credit notes and what is owed',
    'One invoice: lines, totals, payments, refunds, moves, credit notes and what is owed.',
  )
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string, @Query() query: TodayQuery) {
    const doc = await this.store.get<InvoiceDoc>(collections.invoices, id);
    if (!doc) throw problem(404, 'invoice-not-found', 'Not found', `invoice ${id} does not exist`);
    return presentInvoice(doc, businessToday(query.tz));
  }

  /** The invoice as a PDF in the customer's language: the document that is e-mailed. */
  @FileAnswer(
    ['application/pdf'],
    "The invoice as a PDF, in the customer's language",
    "The invoice as a PDF in the customer's language: the document that is e-mailed.",
  )
  @Get(':id/pdf')
  async pdf(
    @Param('id', uuidParam()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const document = await this.document(id);
    return fileAnswer(
      reply,
      await renderInvoicePdf(document),
      'application/pdf',
      `${fileName(document)}.pdf`,
    );
  }

  /** The invoice as an EN 16931 e-invoice: UBL 2.1, Peppol BIS Billing 3.0. */
  @FileAnswer(
    ['application/xml'],
    'The invoice as an EN 16931 e-invoice (UBL XML)',
    'The invoice as an EN 16931 e-invoice: UBL 2.1, Peppol BIS Billing 3.0.',
  )
  @Get(':id/e-invoice')
  async eInvoice(
    @Param('id', uuidParam()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const document = await this.document(id);
    return fileAnswer(
      reply,
      await this.ubl(document),
      'application/xml',
      `${fileName(document)}.xml`,
    );
  }

  /** A credit note of the invoice (partial, or the one that voided it) as a PDF. */
  @FileAnswer(
    ['application/pdf'],
    'A credit note as a PDF',
    'A credit note of the invoice (partial, or the one that voided it) as a PDF.',
  )
  @ApiParam(creditNoteParameter)
  @Get(':id/credit-notes/:number/pdf')
  async creditNotePdf(
    @Param('id', uuidParam()) id: string,
    @Param('number') number: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const document = await this.document(id, number);
    return fileAnswer(
      reply,
      await renderInvoicePdf(document),
      'application/pdf',
      `${fileName(document)}.pdf`,
    );
  }

  /** A credit note of the invoice as an EN 16931 UBL CreditNote. */
  @FileAnswer(
    ['application/xml'],
    'A credit note as an EN 16931 e-invoice (UBL XML)',
    'A credit note of the invoice as an EN 16931 UBL CreditNote.',
  )
  @ApiParam(creditNoteParameter)
  @Get(':id/credit-notes/:number/e-invoice')
  async creditNoteEInvoice(
    @Param('id', uuidParam()) id: string,
    @Param('number') number: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const document = await this.document(id, number);
    return fileAnswer(
      reply,
      await this.ubl(document),
      'application/xml',
      `${fileName(document)}.xml`,
    );
  }

  private async document(id: string, number?: string): Promise<InvoiceDocument> {
    if (number !== undefined && !creditNoteNumber.test(number))
      throw problem(
        400,
        'invalid-input',
        'Invalid input',
        'A credit note number looks like CN-2026-000001',
      );
    const document = await loadInvoiceDocument(this.store, id, this.documents, number);
    if (!document)
      throw problem(
        404,
        number ? 'credit-note-not-found' : 'invoice-not-found',
        'Not found',
        number ? `invoice ${id} has no credit note ${number}` : `no issued invoice ${id}`,
      );
    return document;
  }

  private async ubl(document: InvoiceDocument): Promise<Buffer> {
    try {
      return Buffer.from(await renderEInvoice(document), 'utf8');
    } catch (error) {
      if (error instanceof EInvoiceIncompleteError)
        throw problem(409, 'e-invoice-incomplete', 'E-invoice incomplete', error.message);
      throw error;
    }
  }

  @Answer(
    'InvoicePage',
    'Invoices, by customer, kind, status, overdue and issue day',
    'The ledger, newest issue date first, with totals per currency over the whole filter.',
  )
  @Get()
  async list(@Query() query: InvoicesQuery) {
    const today = businessToday(query.tz);
    const issuedOn: Range = {};
    if (query.issuedFrom) issuedOn.$gte = query.issuedFrom;
    if (query.issuedTo) issuedOn.$lte = query.issuedTo;
    const rank = query.status ? invoiceStatusRank[query.status] : undefined;
    const selection = ledgerSelection(
      {
        customerId: query.customerId,
        kind: query.kind,
        statusRank: rank,
        overdue: query.overdue === 'true',
        ...(query.issuedFrom || query.issuedTo ? { issuedOn } : {}),
      },
      today,
    );
    // Overdue in a settled status: none.
    if (!selection) return { items: [], totals: {} };
    const { filter, order } = selection;
    const page = await this.store.find<InvoiceDoc>(
      order.collection,
      filter,
      pageOptions(query, order.sort),
    );
    // All invoices or one customer's, also of one status, one kind or both, overdue or not,
    // come to what is kept for them; a span of issue days is summed.
    const kept = !query.issuedFrom && !query.issuedTo;
    const part = invoicePart({
      ...(rank !== undefined ? { statusRank: rank } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    });
    const totals = !kept
      ? invoiceTotals(
          await findAll<InvoiceDoc>(
            this.store,
            collections.invoices,
            filter,
            [],
            invoiceTotalsFields,
          ),
          today,
        )
      : query.overdue
        ? await readOverdueTotals(this.store, query.customerId, today, part)
        : (await readInvoiceTotals(this.store, query.customerId, today, part)).totals;
    return {
      items: page.items.map((doc) => presentInvoice(doc, today)),
      totals,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}

/** An invoice as the API shows it: its status, what is due, owed and overdue today. */
export const presentInvoice = (doc: InvoiceDoc, today: string) => {
  const { _id, statusRank: _r, owing: _o, _position: _p, sent: _s, voided: _v, ...invoice } = doc;
  const money = invoiceMoney(doc);
  return {
    invoiceId: _id,
    ...invoice,
    status: invoiceStatus(doc),
    due: money.due,
    received: money.received,
    outstanding: money.outstanding,
    overpaid: money.overpaid,
    overdue: money.outstanding > 0 && pastDue(doc, today),
  };
};
