import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ticketPriorities } from '#events';
import { problem, uuidParam } from '#platform';
import { collections, type TicketDoc, listOrders } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';
import { ticketSlaState } from './sla-state';

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

/** A ticket with the state of its two SLA targets at `now`. */
const ticketView = (doc: TicketDoc, now: number) => {
  const { _id, answeredAt: _a, ...t } = doc;
  return { ticketId: _id, ...t, slaState: ticketSlaState(doc, now) };
};

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
      listOrders.tickets.collection,
      filter,
      pageOptions(query, listOrders.tickets.sort),
    );
    const now = Date.now();
    return {
      items: page.items.map((t) => ticketView(t, now)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer('TicketView', 'One ticket with its SLA state')
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const ticket = await this.store.get<TicketDoc>(collections.tickets, id);
    if (!ticket) throw problem(404, 'ticket-not-found', 'Not found', `ticket ${id} does not exist`);
    return ticketView(ticket, Date.now());
  }
}
