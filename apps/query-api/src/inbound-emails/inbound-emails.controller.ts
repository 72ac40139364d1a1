import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { problem, uuidParam } from '#platform';
import { collections, type InboundEmailDoc, listOrders } from '#read-models';
import { type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

const statuses = ['review', 'logged', 'assigned', 'dismissed'] as const;

export class InboundEmailsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: statuses,
    description: 'review: from unknown senders, waiting to be assigned or dismissed',
  })
  @IsOptional()
  @IsIn(statuses)
  status?: string;
}

const view = ({ _id, ...doc }: InboundEmailDoc) => ({ inboundEmailId: _id, ...doc });

@ApiTags('inbound-emails')
@Controller('inbound-emails')
export class InboundEmailsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'InboundEmailPage',
    'E-mails received at the CRM address',
    "Messages sent, forwarded or copied to the CRM's address, newest first; `status=review` is the review list of those from unknown senders, with their content. Logged ones are on the customers' timelines.",
  )
  @Get()
  async list(@Query() query: InboundEmailsQuery) {
    const page = await this.store.find<InboundEmailDoc>(
      collections.inboundEmails,
      query.status ? { status: query.status } : {},
      pageOptions(query, listOrders.inboundEmails.sort),
    );
    return {
      items: page.items.map(view),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer('InboundEmailView', 'One received e-mail')
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const doc = await this.store.get<InboundEmailDoc>(collections.inboundEmails, id);
    if (!doc)
      throw problem(
        404,
        'inbound-email-not-found',
        'Not found',
        `inbound e-mail ${id} does not exist`,
      );
    return view(doc);
  }
}
