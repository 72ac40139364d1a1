import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ticketPriorities } from '#events';
import { collections, type TicketDoc } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';
import { slaState } from './sla-state';

export class TicketsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'resolved', 'closed'])
  status?: string;
  @ApiPropertyOptional({ enum: ticketPriorities })
  @IsOptional()
  @IsIn(ticketPriorities)
  priority?: string;
  @ApiPropertyOptional() @IsOptional() @MaxLength(100) classification?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'TicketPage',
    'Customer-service tickets with their SLA state',
    'The service queue, newest first, each ticket with the state of its two SLA targets.',
  )
  @Get()
  async list(@Query() query: TicketsQuery) {
    const filter: Filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.priority ? { priority: query.priority } : {}),
      ...(query.classification ? { classification: query.classification } : {}),
      ...(query.assigneeId ? { assigneeId: query.assigneeId } : {}),
      ...(query.customerId ? { customerId: query.customerId } : {}),
    };
    const page = await this.store.find<TicketDoc>(
      collections.tickets,
      filter,
      pageOptions(query, [['openedAt', -1]]),
    );
    const now = Date.now();
    return {
      items: page.items.map(({ _id, ...t }) => ({
        ticketId: _id,
        ...t,
        slaState: {
          firstResponse: slaState(t.openedAt, t.sla.firstResponseDue, t.firstResponseAt, now),
          resolution: slaState(t.openedAt, t.sla.resolutionDue, t.resolvedAt, now),
        },
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
