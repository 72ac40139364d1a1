import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLimit } from '#platform';
import { type Filter } from '#read-store';

/** `limit` (≤ 200) and an opaque `cursor`, shared by every list. */
export class PageQuery {
  @IsLimit(50) limit?: number;

  @ApiPropertyOptional({
    description: 'nextCursor of the previous page; left out or empty: the first page',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

/**
 * `status=active` or the other state's name (`retired`, `archived`): items whose `field` (when
 * they left use) is null or absent, or set. Left out: all.
 */
export const IsInUseFilter = (other: string) =>
  applyDecorators(
    ApiPropertyOptional({
      enum: ['active', other],
      description: `Only those in use, or only ${other} ones; left out: all`,
    }),
    IsOptional(),
    IsIn(['active', other]),
  );

/** The filter `IsInUseFilter` asks for, on the field that holds when an item left use. */
export const inUse = (field: string, status: string | undefined): Filter =>
  status ? { [field]: status === 'active' ? null : { $ne: null } } : {};
