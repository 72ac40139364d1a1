import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../shared/query.dto';
import { IsTimeZone } from '../shared/today';
import { IsInstant } from '#platform';

export class TimelineQuery extends PageQuery {
  /** The time zone meeting times are told in (the service's by default). */
  @IsTimeZone() tz?: string;

  @ApiPropertyOptional({ description: 'Comma-separated event types, e.g. DealWon,DealLost' })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,60}(,[A-Za-z]{1,60}){0,29}$/, {
    message: 'type must be comma-separated event types',
  })
  type?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated groups: sales, invoices, activities, service, profile',
  })
  @IsOptional()
  @Matches(
    /^(sales|invoices|activities|service|profile)(,(sales|invoices|activities|service|profile)){0,4}$/,
    { message: 'group must be comma-separated of sales, invoices, activities, service, profile' },
  )
  group?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID(undefined, { message: 'actorId must be a staff member id (UUID)' })
  actorId?: string;

  @ApiPropertyOptional({ description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsInstant()
  @MaxLength(40)
  from?: string;
  @ApiPropertyOptional({ description: 'Before this instant (exclusive)' })
  @IsOptional()
  @IsInstant()
  @MaxLength(40)
  to?: string;
}
