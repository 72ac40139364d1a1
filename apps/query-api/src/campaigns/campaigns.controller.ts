import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { problem, uuidParam } from '#platform';
import { collections } from '#read-models';
import { type Doc, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

const statuses = ['queued', 'sending', 'sent', 'failed'] as const;

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer('CampaignPage', 'E-mail campaigns')
  @Get()
  async list(@Query() query: PageQuery) {
    const page = await this.store.find<Doc>(
      collections.campaigns,
      {},
      pageOptions(query, [['startedAt', -1]]),
    );
    return {
      items: page.items.map(({ _id, ...c }) => ({ campaignId: _id, ...c })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer(
    'CampaignReport',
    'One campaign and its messages by status',
    'The campaign report: messages per state (from the outbox) and unsubscribes by its links.',
  )
  @Get(':id')
  async report(@Param('id', uuidParam()) id: string) {
    const campaign = await this.store.get<Doc>(collections.campaigns, id);
    if (!campaign)
      throw problem(404, 'campaign-not-found', 'Not found', `campaign ${id} does not exist`);
    const counts = await Promise.all(
      statuses.map((status) => this.store.count(collections.emails, { campaignId: id, status })),
    );
    const messages: Record<string, number> = Object.fromEntries(
      statuses.map((s, i) => [s, counts[i]!]),
    );
    const { _id, ...rest } = campaign;
    return {
      campaignId: _id,
      ...rest,
      messages: { ...messages, total: counts.reduce((a, b) => a + b, 0) },
    };
  }
}
