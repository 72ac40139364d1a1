import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** An optional page size: a whole number from 1 to `max`, `fallback` when absent. */
export const IsLimit = (fallback: number, max = 200, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({
      minimum: 1,
      maximum: max,
      default: fallback,
      ...(description ? { description } : {}),
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );

/** `limit` (≤ 200) and an opaque `cursor`, shared by every list. */
export class PageQuery {
  @IsLimit(50) limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}
