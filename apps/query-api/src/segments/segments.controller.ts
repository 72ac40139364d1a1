import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { problem, uuidParam } from '#platform';
import { collections, type CustomerDoc, type SegmentDoc } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';
import { consentOf, matches } from './segment-rules';

export class MembersQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'cursor must be a nextCursor this endpoint gave' })
  cursor?: string;
}

const SCAN = 200;

@ApiTags('segments')
@Controller('segments')
export class SegmentsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Get()
  async list(@Query() query: PageQuery) {
    const page = await this.store.find<SegmentDoc>(
      collections.segments,
      {},
      pageOptions(query, [['name', 1]]),
    );
    return {
      items: page.items.map(({ _id, ...s }) => ({ segmentId: _id, ...s })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /**
   * The customers matching the rules now, by id, each with consent per channel: the audience
   * a mass mailing would reach. Categories and owners narrow the scan in the store; the other
   * rules are checked on each customer.
   */
  @Get(':id/members')
  async members(@Param('id', uuidParam()) id: string, @Query() query: MembersQuery) {
    const segment = await this.store.get<SegmentDoc>(collections.segments, id);
    if (!segment)
      throw problem(404, 'segment-not-found', 'Not found', `segment ${id} does not exist`);
    const { rules } = segment;
    const limit = query.limit ?? 50;
    const now = Date.now();
    const base: Filter = {
      ...(rules.categories ? { category: { $in: rules.categories } } : {}),
      ...(rules.ownerIds ? { ownerId: { $in: rules.ownerIds } } : {}),
    };
    const members: CustomerDoc[] = [];
    let after = query.cursor;
    for (let exhausted = false; members.length < limit && !exhausted;) {
      const page = await this.store.find<CustomerDoc>(
        collections.customers,
        { ...base, ...(after ? { _id: { $gt: after } } : {}) },
        { sort: [['_id', 1]], limit: SCAN },
      );
      for (const c of page.items) {
        after = c._id;
        if (matches(rules, c, now)) members.push(c);
        if (members.length === limit) break;
      }
      exhausted = page.items.length < SCAN;
    }
    const last = members.length === limit ? members[limit - 1]?._id : undefined;
    return {
      segmentId: id,
      name: segment.name,
      items: members.map((c) => ({
        customerId: c._id,
        name: c.name,
        category: c.category ?? null,
        ownerId: c.ownerId,
        emails: c.emails ?? [],
        consent: consentOf(c),
      })),
      ...(last ? { nextCursor: last } : {}),
    };
  }
}
