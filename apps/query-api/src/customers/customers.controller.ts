import { Answer } from '../openapi/answer';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { readConfig, todayIn, uuidParam } from '#platform';
import { CustomersQuery, TimelineQuery } from './customers.dto';
import { CustomersService } from './customers.service';

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  private readonly tz = readConfig().timezone;

  constructor(private readonly customers: CustomersService) {}

  @Answer(
    'CustomerPage',
    'Customers, by name',
    "Active customers by default, narrowed by category, owner, tag and custom field conditions (on the customer's own fields, or a contact's). Each with its custom field values by key.",
  )
  @Get()
  list(@Query() query: CustomersQuery) {
    return this.customers.list(query);
  }

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
