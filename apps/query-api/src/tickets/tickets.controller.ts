import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ticketPriorities } from '#events';
import { collections, type TicketDoc } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

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

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'met';

/**
 * Where one target stands now: met or breached once done; while open, at risk in the last
 * quarter of the time it allows, breached after its deadline.
 */
export const slaState = (
  openedAt: string,
  due: string,
  doneAt: string | null,
  now: number,
): SlaState => {
  const deadline = Date.parse(due);
  if (doneAt) return Date.parse(doneAt) <= deadline ? 'met' : 'breached';
  if (now > deadline) return 'breached';
  const allowed = deadline - Date.parse(openedAt);
  return now >= deadline - allowed / 4 ? 'at_risk' : 'on_track';
};

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  /** The service queue, newest first, each ticket with the state of its two SLA targets. */
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
