import { Answer, FileAnswer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { type BlobStore, problem, uuidParam } from '#platform';
import { collections, type DocumentDoc, listOrders } from '#read-models';
import { type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

export const BLOB_STORE = Symbol('BLOB_STORE');

export class DocumentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}

const view = ({ _id, removed: _d, removedAt: _r, removeReason: _w, ...doc }: DocumentDoc) => ({
  documentId: _id,
  ...doc,
});

/** A file name safe in a Content-Disposition header, with the exact one in `filename*`. */
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Answer(
    'DocumentPage',
    'Documents, by customer',
    "A customer's documents, newest first; removed ones are not listed.",
  )
  @Get()
  async list(@Query() query: DocumentsQuery) {
    const page = await this.store.find<DocumentDoc>(
      collections.documents,
      { ...(query.customerId ? { customerId: query.customerId } : {}), removed: false },
      pageOptions(query, listOrders.documents.sort),
    );
    return {
      items: page.items.map(view),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  private async document(id: string) {
    const doc = await this.store.get<DocumentDoc>(collections.documents, id);
    if (!doc || doc.removed)
      throw problem(404, 'document-not-found', 'Not found', `document ${id} does not exist`);
    return doc;
  }

  @Answer('DocumentMetadata', "One document's metadata")
  @Get(':id')
  async metadata(@Param('id', uuidParam()) id: string) {
    return view(await this.document(id));
  }

  /** The bytes, streamed, with their media type, size and file name. */
  @FileAnswer(
    ['*/*'],
    "A document's content, in its own media type",
    'The bytes, streamed, with their media type, size and file name.',
  )
  @ApiResponse({
    status: 410,
    description: "The content was deleted when its customer's personal data was erased",
  })
  @Get(':id/content')
  async content(@Param('id', uuidParam()) id: string): Promise<StreamableFile> {
    const doc = await this.document(id);
    if (doc.contentErased)
      throw problem(
        410,
        'document-erased',
        'Gone',
        `The content of ${id} was deleted when its customer's personal data was erased`,
      );
    const stream = await this.blobs.get(doc.sha256);
    if (!stream)
      throw problem(
        404,
        'document-content-missing',
        'Not found',
        `The content of ${id} is missing`,
      );
    return new StreamableFile(stream, {
      type: doc.mediaType,
      length: doc.size,
      disposition: disposition(doc.name),
    });
  }
}
