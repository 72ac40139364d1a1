import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLimit } from '#platform';

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
