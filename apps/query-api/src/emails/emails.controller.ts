import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { collections, type EmailDoc, listOrders } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

const statuses = ['queued', 'sending', 'sent', 'failed'] as const;

export class EmailsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: statuses }) @IsOptional() @IsIn(statuses) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}

@ApiTags('emails')
@Controller('emails')
export class EmailsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'EmailPage',
    'E-mails sent and their delivery status',
    "The outbox, newest first: each message's state, attempts, next attempt and last error. What a message said is on the customer's timeline.",
  )
  @Get()
  async list(@Query() query: EmailsQuery) {
    const filter: Filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.customerId ? { customerId: query.customerId } : {}),
    };
    const page = await this.store.find<EmailDoc>(
      collections.emails,
      filter,
      pageOptions(query, listOrders.emails.sort),
    );
    return {
      items: page.items.map(({ _id, hasError: _h, ...e }) => ({ emailId: _id, ...e })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
