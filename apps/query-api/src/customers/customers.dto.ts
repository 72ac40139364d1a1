import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { customerCategories, type CustomerCategory } from '#events';
import { FieldConditions } from '../custom-fields/custom-fields';
import { PageQuery } from '../shared/query.dto';
import { IsTimeZone } from '../shared/today';
import { IsInstant } from '#platform';

export class TimelineQuery extends PageQuery {
  @IsTimeZone('IANA time zone meeting times are told in, and days in `from`/`to` taken in')
  tz?: string;

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

  @ApiPropertyOptional({
    description: 'From this day (its start in `tz`) or this instant, inclusive',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsInstant()
  @MaxLength(40)
  from?: string;
  @ApiPropertyOptional({
    description: 'Through this day (to its end in `tz`), or before this instant',
    example: '2026-12-05',
  })
  @IsOptional()
  @IsInstant()
  @MaxLength(40)
  to?: string;
}

const customerStatuses = ['active', 'archived'] as const;

export class CustomersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: customerCategories })
  @IsOptional()
  @IsIn(customerCategories)
  category?: CustomerCategory;

  @ApiPropertyOptional({ format: 'uuid', description: 'The owner (account manager)' })
  @IsOptional()
  @IsUUID(undefined, { message: 'ownerId must be a staff member id (UUID)' })
  ownerId?: string;

  @ApiPropertyOptional({ enum: customerStatuses, description: 'active by default' })
  @IsOptional()
  @IsIn(customerStatuses)
  status?: (typeof customerStatuses)[number];

  @ApiPropertyOptional({ maxLength: 60, description: 'Customers with this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  tag?: string;

  @FieldConditions('customer or contact') field?: string[];
}
