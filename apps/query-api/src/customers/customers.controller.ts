import { Answer } from '../openapi/answer';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { readConfig, todayIn, uuidParam } from '#platform';
import { TimelineQuery } from './customers.dto';
import { CustomersService } from './customers.service';

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  private readonly tz = readConfig().timezone;

  constructor(private readonly customers: CustomersService) {}

  @Answer(
    'CustomerView',
    'Customer 360: profile, deals, offers, invoices, tickets, activities, documents',
  )
  @Get(':id')
  view(@Param('id', uuidParam()) id: string) {
    return this.customers.view(
      id,
      todayIn(this.tz, new Date()) ?? new Date().toISOString().slice(0, 10),
    );
  }

  @Answer('TimelinePage', "A customer's timeline: every interaction, newest first")
  @Get(':id/timeline')
  timeline(@Param('id', uuidParam()) id: string, @Query() query: TimelineQuery) {
    return this.customers.timeline(id, query);
  }
}
