import { Answer } from '../openapi/answer';
import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import { type FastifyRequest } from 'fastify';
import { AsNumber, IsInstant, IsLimit, patternParam, uuidParam } from '#platform';
import { type Filter } from '#read-store';
import { asOfInstant, periodRange } from '../shared/period';
import { businessZone, IsTimeZone } from '../shared/today';
import { PageQuery } from '../shared/query.dto';
import { AuditService } from './audit.service';
import { type Cut } from './time-travel';

export class HistoryQuery {
  @IsLimit(200, 1000) limit?: number;

  @ApiPropertyOptional({
    description: 'nextCursor of the previous page; left out or empty: the first page',
  })
  @IsOptional()
  @Matches(/^(\d{1,16})?$/, { message: 'cursor must be a nextCursor this endpoint gave' })
  cursor?: string;

  @ApiPropertyOptional({
    enum: ['full'],
    description: 'scan the whole log to prove the stream index complete',
  })
  @IsOptional()
  @IsIn(['full'])
  verify?: 'full';
}

export class StateQuery {
  @ApiPropertyOptional({
    description:
      'A day (through its end in `tz`: the state at the close of that day) or an instant; events that occurred after it are left out',
    example: '2026-11-30',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'a global position; events after it are left out' })
  @IsOptional()
  @AsNumber()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  asOfPosition?: number;

  @IsTimeZone('IANA time zone a day in `asOf` is taken in') tz?: string;
}

export class TrailQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() staffId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;

  @ApiPropertyOptional({
    description: 'From this day (its start in `tz`) or this instant, inclusive',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'Through this day (to its end in `tz`) or this instant, inclusive',
    example: '2026-12-05',
  })
  @ValidateIf((q: TrailQuery) => q.to !== undefined)
  @IsInstant()
  to?: string;

  @IsTimeZone('IANA time zone days in `from`/`to` are taken in') tz?: string;
}

// Letters, digits, `-`, and the `.` and `_` a product code may hold (`product-SRV_1.2`).
const streamPattern = /^[A-Za-z][A-Za-z0-9._-]{0,150}$/;

const reader = (req: FastifyRequest) => req.principal!.staffId;

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Answer(
    'AuditEventPage',
    "A customer's events from the event store, with the hash chain checked",
    'Every event concerning the customer, from the event store, in global order; recorded.',
  )
  @Get('customers/:id/events')
  async history(
    @Param('id', uuidParam()) id: string,
    @Query() query: HistoryQuery,
    @Req() req: FastifyRequest,
  ) {
    await this.audit.record(reader(req), 'customer-history', {
      subjectCustomerId: id,
      ...(query.verify ? { query: `verify=${query.verify}` } : {}),
    });
    return this.audit.history(id, {
      limit: query.limit ?? 200,
      ...(query.cursor ? { after: Number(query.cursor) } : {}),
      verify: query.verify === 'full',
    });
  }

  @Answer(
    'AuditCustomerState',
    "A customer's state as it was at a moment or position, replayed from the events",
    'The customer and its deals, offers, invoices, activities and tickets at an instant; recorded.',
  )
  @Get('customers/:id/state')
  async state(
    @Param('id', uuidParam()) id: string,
    @Query() query: StateQuery,
    @Req() req: FastifyRequest,
  ) {
    // Without either, the state now.
    const cut: Cut = {
      ...(query.asOf !== undefined || query.asOfPosition === undefined
        ? {
            asOf:
              query.asOf === undefined
                ? new Date().toISOString()
                : asOfInstant(query.asOf, businessZone(query.tz)),
          }
        : {}),
      ...(query.asOfPosition !== undefined ? { asOfPosition: query.asOfPosition } : {}),
    };
    await this.audit.record(reader(req), 'customer-state', {
      subjectCustomerId: id,
      query: Object.entries(cut)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join('&'),
    });
    return this.audit.state(id, cut);
  }

  @Answer(
    'AuditStreamVerification',
    'Verify the hash chain of one stream',
    "Follows a stream's hash chain; reports the first broken link and the head hash; recorded.",
  )
  @ApiParam({
    name: 'stream',
    description: 'A stream name, such as customer-<id> or product-<code>',
    schema: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9._-]{0,150}$' },
  })
  @Get('streams/:stream/verify')
  async verify(
    @Param('stream', patternParam('stream', streamPattern, 'a stream name')) stream: string,
    @Req() req: FastifyRequest,
  ) {
    await this.audit.record(reader(req), 'stream-verify', { streamId: stream });
    return this.audit.verifyStream(stream);
  }

  @Answer(
    'AuditTrailPage',
    'Who did what: the audit trail by staff member, customer and time',
    'Who read the record, newest first: by reader, customer and period (admins).',
  )
  @Get('trail')
  trail(@Query() query: TrailQuery) {
    const readAt = periodRange(query.from, query.to, businessZone(query.tz), true);
    const filter: Filter = {
      ...(query.staffId ? { staffId: query.staffId } : {}),
      ...(query.customerId ? { subjectCustomerId: query.customerId } : {}),
      ...(Object.keys(readAt).length > 0 ? { readAt } : {}),
    };
    return this.audit.trail(filter, query.limit ?? 50, query.cursor);
  }
}
