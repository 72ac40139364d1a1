import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type EventStore } from '#event-store';
import { problem, uuidParam } from '#platform';
import {
  collections,
  operational,
  type WebhookCursorDoc,
  type WebhookDeliveryDoc,
  type WebhookDoc,
} from '#read-models';
import { type ReadStore } from '#read-store';
import { EVENT_STORE } from '../shared/event-store.provider';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

export class DeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['delivered', 'failed'] })
  @IsOptional()
  @IsIn(['delivered', 'failed'])
  outcome?: string;
}

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Answer(
    'WebhookPage',
    'Webhook subscriptions and their delivery state',
    'Subscriptions with how far delivery has come: the last event handled and a pending retry.',
  )
  @Get()
  async list(@Query() query: PageQuery) {
    const page = await this.store.find<WebhookDoc>(
      collections.webhooks,
      {},
      pageOptions(query, [['subscribedAt', -1]]),
    );
    const cursors = await this.store.getMany<WebhookCursorDoc>(
      operational.webhookCursors,
      page.items.map((s) => s._id),
    );
    const head = await this.events.headPosition();
    return {
      items: page.items.map(({ _id, ...s }) => {
        const c = cursors.get(_id);
        const position = c?.position ?? s.fromPosition;
        return {
          subscriptionId: _id,
          ...s,
          delivery: {
            position,
            behind: this.events.densePositions ? head - position : undefined,
            failedAttempts: c?.attempts ?? 0,
            retryAt: c?.retryAt ?? null,
            lastDeliveredAt: c?.lastDeliveredAt ?? null,
          },
        };
      }),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer(
    'WebhookDeliveryPage',
    "One webhook's delivery attempts",
    'The delivery log of one subscription, newest first.',
  )
  @Get(':id/deliveries')
  async deliveries(@Param('id', uuidParam()) id: string, @Query() query: DeliveriesQuery) {
    if (!(await this.store.get(collections.webhooks, id)))
      throw problem(404, 'webhook-not-found', 'Not found', `webhook ${id} does not exist`);
    const page = await this.store.find<WebhookDeliveryDoc>(
      operational.webhookDeliveries,
      { subscriptionId: id, ...(query.outcome ? { outcome: query.outcome } : {}) },
      pageOptions(query, [['at', -1]]),
    );
    return {
      items: page.items.map(({ _id: _i, subscriptionId: _s, ...d }) => d),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
