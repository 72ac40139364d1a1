import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsDay, problem, readConfig, todayIn, uuidParam } from '#platform';
import { type AgreementDoc, agreementStanding, collections, listOrders } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

const standings = ['active', 'lapsed', 'terminated'] as const;

export class AgreementsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({
    enum: standings,
    description:
      'active: in force today (terminated ones too until the day their termination ends them); lapsed: past its last day; terminated: ended from a day on or before today',
  })
  @IsOptional()
  @IsIn(standings)
  standing?: (typeof standings)[number];
  @ApiPropertyOptional({
    format: 'date',
    description:
      'In force, ending on or before this day — by its last day or a termination given notice (what ends soon)',
  })
  @IsOptional()
  @IsDay()
  lapsingBy?: string;
}

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  private readonly timeZone = readConfig().timezone;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  private today() {
    return todayIn(this.timeZone, new Date()) ?? new Date().toISOString().slice(0, 10);
  }

  private view(doc: AgreementDoc, today: string) {
    const { _id, holdsThrough: _h, ...a } = doc;
    return { agreementId: _id, ...a, standing: agreementStanding(doc, today) };
  }

  @Answer(
    'AgreementPage',
    'Agreements with customers',
    'Agreements by customer and standing today (in force, lapsed, terminated), newest first; `lapsingBy` lists those in force that end by a day, soonest first.',
  )
  @Get()
  async list(@Query() query: AgreementsQuery) {
    const today = this.today();
    // In force through today: a terminated agreement given notice too, until the day before
    // its termination ends it (`holdsThrough`).
    const filter: Filter = {
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.standing === 'active' ? { holdsThrough: { $gte: today } } : {}),
      ...(query.standing === 'terminated' ? { status: 'terminated', endsOn: { $lte: today } } : {}),
      ...(query.standing === 'lapsed' ? { status: 'active', holdsThrough: { $lt: today } } : {}),
      ...(query.lapsingBy ? { holdsThrough: { $gte: today, $lte: query.lapsingBy } } : {}),
    };
    const page = await this.store.find<AgreementDoc>(
      collections.agreements,
      filter,
      pageOptions(query, query.lapsingBy ? [['holdsThrough', 1]] : listOrders.agreements.sort),
    );
    const items = page.items
      .map((a) => this.view(a, today))
      .filter((a) => query.standing === undefined || a.standing === query.standing);
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Answer('AgreementView', 'One agreement')
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const doc = await this.store.get<AgreementDoc>(collections.agreements, id);
    if (!doc)
      throw problem(404, 'agreement-not-found', 'Not found', `agreement ${id} does not exist`);
    return this.view(doc, this.today());
  }
}
