import { Answer, FileAnswer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  documentSettings,
  type DocumentSettings,
  loadOfferDocument,
  renderInvoicePdf,
} from '#documents';
import { problem, readConfig, uuidParam } from '#platform';
import { collections, type OfferDoc, listOrders } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { fileAnswer } from '../shared/file';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

const statuses = ['open', 'accepted', 'rejected', 'expired'] as const;

export class OffersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({
    enum: statuses,
    description: 'open: waiting for an answer; the others: what became of it',
  })
  @IsOptional()
  @IsIn(statuses)
  status?: (typeof statuses)[number];
}

const offerView = ({ _id, ...offer }: OfferDoc) => ({ offerId: _id, ...offer });

@ApiTags('offers')
@Controller('offers')
export class OffersController {
  private readonly documents: DocumentSettings;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {
    this.documents = documentSettings(readConfig());
  }

  @Answer(
    'OfferPage',
    'Offers, accepted or not, newest first',
    'Offers by customer, deal and status — the ones never accepted too — each as its current version proposes it: lines, totals, terms, valid until.',
  )
  @Get()
  async list(@Query() query: OffersQuery) {
    const filter: Filter = {
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.dealId ? { dealId: query.dealId } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const page = await this.store.find<OfferDoc>(
      collections.offers,
      filter,
      pageOptions(query, listOrders.offers.sort),
    );
    return {
      items: page.items.map(offerView),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer('OfferView', 'One offer: its current version and what became of it')
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const offer = await this.store.get<OfferDoc>(collections.offers, id);
    if (!offer) throw problem(404, 'offer-not-found', 'Not found', `offer ${id} does not exist`);
    return offerView(offer);
  }

  @FileAnswer(
    ['application/pdf'],
    "The offer as a PDF, in the customer's language",
    "The current version of the offer as a PDF in the customer's language, named after its deal: lines, VAT, totals, terms and the last day it holds.",
  )
  @Get(':id/pdf')
  async pdf(
    @Param('id', uuidParam()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const document = await loadOfferDocument(this.store, id, this.documents);
    if (!document) throw problem(404, 'offer-not-found', 'Not found', `offer ${id} does not exist`);
    return fileAnswer(
      reply,
      await renderInvoicePdf(document),
      'application/pdf',
      `offer-${document.number}.pdf`,
    );
  }
}
