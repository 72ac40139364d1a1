import type {} from '@fastify/multipart';
import {
  createParamDecorator,
  type ExecutionContext,
  Body,
  HttpCode,
  Inject,
  Param,
  Post,
} from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { type FastifyRequest } from 'fastify';
import {
  type AttachDocument,
  dealDecider,
  type DocumentCommand,
  documentDecider,
  invoiceDecider,
  notFound,
  type RemoveDocument,
  ticketDecider,
} from '#domain';
import { documentLinkKinds, type DocumentLink } from '#events';
import {
  type BlobStore,
  AsNumber,
  BlobTooLargeError,
  IsOmittable,
  problem,
  readConfig,
  uuidParam,
  validationPipe,
} from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';
import { AggregateRepository, type CommandMeta, newId, requireActiveCustomer } from '#commands';

export const BLOB_STORE = Symbol('BLOB_STORE');

/** The form fields sent before the file part. */
export class AttachDocumentFields {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() documentId?: string;
  @ApiProperty({ enum: documentLinkKinds })
  @IsIn(documentLinkKinds)
  linkKind!: DocumentLink['kind'];
  @ApiProperty({ format: 'uuid' }) @IsUUID() linkId!: string;
  @ApiPropertyOptional({ description: 'Defaults to the file name of the part' })
  @IsOmittable()
  @IsText(255)
  name?: string;
  @ApiPropertyOptional({ description: 'Defaults to the content type of the part' })
  @IsOmittable()
  @IsText(200)
  mediaType?: string;
  @ApiPropertyOptional({ description: 'Declared size in bytes; must match what arrives' })
  @IsOmittable()
  @AsNumber()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  size?: number;
}

export class RemoveDocumentDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

type Content = AttachDocument['content'];

/** A document's commands as the domain takes them; an attachment less its customer, loaded. */
export type DocumentRequest = Omit<AttachDocument, 'customerId'> | RemoveDocument;

export class DocumentCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: DocumentRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * Documents: an attachment belongs to the customer of what it is attached to (loaded before
 * deciding), who must be active.
 */
@CommandHandler(DocumentCommandMessage)
export class DocumentHandler implements ICommandHandler<DocumentCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command: request, meta }: DocumentCommandMessage): Promise<CommandResult> {
    const { documentId } = request;
    let command: DocumentCommand;
    if (request.type === 'AttachDocument') {
      const customerId = await this.customerOf(request.link);
      await requireActiveCustomer(this.repository, customerId);
      command = { ...request, customerId };
    } else command = request;
    const r = await this.repository.execute(`document-${documentId}`, documentDecider, meta, (s) =>
      documentDecider.decide(command, s),
    );
    return { id: documentId, revision: r.revision, position: r.position };
  }

  /** The customer a document belongs to, through what it is attached to. */
  private async customerOf(link: DocumentLink): Promise<string> {
    switch (link.kind) {
      case 'customer':
        return link.id;
      case 'deal': {
        const { state } = await this.repository.load(`deal-${link.id}`, dealDecider);
        if (state.status === 'none') throw notFound('deal', link.id);
        return state.customerId;
      }
      case 'invoice': {
        const { state } = await this.repository.load(`invoice-${link.id}`, invoiceDecider);
        if (state.status === 'none') throw notFound('invoice', link.id);
        return state.customerId;
      }
      case 'ticket': {
        const { state } = await this.repository.load(`ticket-${link.id}`, ticketDecider);
        if (state.status === 'none') throw notFound('ticket', link.id);
        return state.customerId;
      }
    }
  }
}

/** The form's limits (besides the file's size), said in words where the parser is terse. */
const FORM_FIELDS = 10;
const formLimits: Record<string, string> = {
  FST_FIELDS_LIMIT: `The form has more than ${FORM_FIELDS} fields`,
  FST_FILES_LIMIT: 'Send one file part',
  FST_PARTS_LIMIT: 'The form has too many parts',
};

/** A multipart body the parser cannot read is the client's mistake, said as such. */
const malformed = (error: unknown): never => {
  const status =
    error instanceof Error && 'statusCode' in error && typeof error.statusCode === 'number'
      ? error.statusCode
      : 400;
  if (status === 413) {
    const code = 'code' in (error as Error) ? String((error as { code: unknown }).code) : '';
    throw problem(
      413,
      'body-too-large',
      'Request body too large',
      formLimits[code] ?? (error as Error).message,
    );
  }
  throw problem(
    400,
    'malformed-multipart',
    'Malformed multipart body',
    error instanceof Error ? error.message : 'The multipart body cannot be read',
  );
};

/**
 * The file name as the user named it. Browsers and curl write a `"` in a multipart file name as
 * `%22` (the HTML standard's form encoding; it escapes nothing else but line breaks), which the
 * parser leaves as it is.
 */
const fileNameOf = (sent: string): string => sent.replaceAll('%22', '"');

const text = (field: unknown): string | undefined =>
  field && typeof field === 'object' && 'value' in field && typeof field.value === 'string'
    ? field.value
    : undefined;

/** Reads the request's file part (multipart/form-data only: anything else is 415). */
type Upload = FastifyRequest['file'];
const Upload = createParamDecorator((_: unknown, context: ExecutionContext): Upload => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  if (!request.isMultipart())
    throw problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send multipart/form-data',
    );
  return request.file.bind(request);
});

@CommandController('documents')
export class DocumentsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @ApiOperation({
    summary: 'Upload a document (multipart) and attach it',
    description:
      'AttachDocument: multipart/form-data, the fields first, then one `file` part. The bytes go to the blob store (addressed by SHA-256) while being measured; the document is refused when they are not the declared type or size.',
  })
  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['linkKind', 'linkId', 'file'],
      properties: {
        documentId: { type: 'string', format: 'uuid' },
        linkKind: { type: 'string', enum: [...documentLinkKinds] },
        linkId: { type: 'string', format: 'uuid' },
        name: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          description: 'Defaults to the file name of the part',
        },
        mediaType: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: 'Defaults to the content type of the part',
        },
        size: {
          type: 'integer',
          minimum: 0,
          maximum: Number.MAX_SAFE_INTEGER,
          description: 'Declared size in bytes; another size than what arrives is 409',
        },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  async attach(@Upload() upload: Upload, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const limit = readConfig().documentMaxBytes;
    const part = await upload({
      limits: { fileSize: limit + 1, files: 1, fields: FORM_FIELDS, fieldSize: 2000 },
    }).catch(malformed);
    if (!part)
      throw problem(400, 'file-required', 'File required', 'Send the content as a file part');
    const plain = Object.fromEntries(
      Object.entries(part.fields)
        .filter(([key]) => key !== part.fieldname)
        .map(([key, field]) => [key, text(field)]),
    );
    const fields = (await validationPipe().transform(plain, {
      type: 'body',
      metatype: AttachDocumentFields,
      data: '',
    })) as AttachDocumentFields;
    let content: Content;
    let unreadable: unknown;
    part.file.once('error', (error) => (unreadable = error));
    try {
      content = await this.blobs.put(part.file, limit);
    } catch (error) {
      if (error instanceof BlobTooLargeError || part.file.truncated)
        throw problem(
          413,
          'document-too-large',
          'Document too large',
          `The limit is ${limit} bytes`,
        );
      if (unreadable !== undefined) malformed(unreadable);
      throw error;
    }
    const command = new DocumentCommandMessage(
      {
        type: 'AttachDocument',
        documentId: newId(meta, 'document', fields.documentId),
        link: { kind: fields.linkKind, id: fields.linkId },
        name: fields.name ?? fileNameOf(part.filename),
        declaredType: fields.mediaType ?? part.mimetype,
        ...(fields.size !== undefined ? { declaredSize: fields.size } : {}),
        content,
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({
    summary: 'Remove a document',
    description: 'RemoveDocument: hidden from now on; the history keeps that it existed.',
  })
  @Post(':id/remove')
  @HttpCode(200)
  async remove(
    @Param('id', uuidParam()) id: string,
    @Body() body: RemoveDocumentDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const { reason } = body;
    const command = new DocumentCommandMessage(
      { type: 'RemoveDocument', documentId: id, ...(reason ? { reason } : {}), now: meta.now },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }
}
