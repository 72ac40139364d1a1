import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsDefined,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { customFieldsDecider, FIELD_CONDITION, type SegmentCommand, segmentDecider } from '#domain';
import {
  ageBands,
  type AgeBand,
  familyStatuses,
  type FamilyStatus,
  consentChannels,
  type ConsentChannel,
  customerCategories,
  type CustomerCategory,
  type SegmentRules,
} from '#events';
import { IsOmittable, uuidParam } from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsTags, IsText, plain, RetireDto } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';
import { CUSTOM_FIELDS_STREAM } from '../custom-fields/custom-fields';
import { AggregateRepository, type CommandMeta, newId } from '#commands';

const Strings = (max: number) => (target: object, key: string) => {
  ApiPropertyOptional({ type: [String], maxItems: max })(target, key);
  IsOmittable()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(max)(target, key);
  IsString({ each: true })(target, key);
  MaxLength(60, { each: true })(target, key);
  Matches(/\S/, { each: true, message: `each of ${key} must say something` })(target, key);
};

const Days = (description: string) => (target: object, key: string) => {
  ApiPropertyOptional({ minimum: 1, maximum: 3650, description })(target, key);
  IsOmittable()(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
  Max(3650)(target, key);
};

export class SpentDto {
  @ApiProperty({ minimum: 0, maximum: 10_000_000_000_000, description: 'Minor units' })
  @IsInt()
  @Min(0)
  @Max(10_000_000_000_000)
  amount!: number;
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
}

/** What the rules on the time since the last contact count (the 360's `lastContactAt`). */
const CONTACT =
  'A contact is a call, meeting, event or e-mail logged, or planned and completed; a message a ' +
  "staff member sent to the customer, once delivered (not a campaign's); a response to one of " +
  'their tickets. Other changes (an invoice, a tag, a stage) are not contacts.';

/** What customers bought, how recently, how often and how much (from issued invoices). */
export class PurchaseRulesDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description:
      "Bought any of these products or services (a line's name or catalogue product code contains one)",
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  products?: string[];
  @Days('Only purchases of the last N days count for products, minCount and minSpent')
  withinDays?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100_000, description: 'At least this many invoices' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(100_000)
  minCount?: number;
  @ApiPropertyOptional({ type: SpentDto, description: 'At least this much net, in this currency' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => SpentDto)
  minSpent?: SpentDto;
  @Days('The last purchase at most N days ago (recency)') lastWithinDays?: number;
  @Days('No purchase for at least N days, or never') noneForDays?: number;
}

export class SegmentRulesDto {
  @ApiPropertyOptional({ enum: customerCategories, isArray: true })
  @IsOmittable()
  @IsArray()
  @IsIn(customerCategories, { each: true })
  categories?: CustomerCategory[];
  // Tags as customers carry them: a rule over any other text would match nobody.
  @IsTags() tagsAll?: string[];
  @IsTags() tagsAny?: string[];
  @Strings(50) cities?: string[];
  @Strings(50) interestsAny?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  ownerIds?: string[];
  @ApiPropertyOptional({ enum: consentChannels, isArray: true })
  @IsOmittable()
  @IsArray()
  @IsIn(consentChannels, { each: true })
  consent?: ConsentChannel[];
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    description: `Customers last in touch at most this many days ago. ${CONTACT}`,
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(3650)
  contactedWithinDays?: number;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    description: `Customers not in touch for at least this many days, or never. ${CONTACT}`,
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(3650)
  notContactedForDays?: number;
  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    items: { type: 'string', pattern: FIELD_CONDITION.source, maxLength: 250 },
    description:
      'Conditions on customer or contact custom fields, all of which hold: `key:value` (a text contains it, a choice is it, a multi-choice has it, yes/no is true or false, a number, amount or day equals it), `key>=value`, `key>value`, `key<=value`, `key<value` (numbers, money in minor units, days). A contact field holds when one of the contacts has it.',
    example: ['industry:Retail', 'employees>=10'],
  } as never)
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(FIELD_CONDITION, {
    each: true,
    message: 'each field rule must be key:value, key>=value, key>value, key<=value or key<value',
  })
  fields?: string[];
  @ApiPropertyOptional({ type: PurchaseRulesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => PurchaseRulesDto)
  purchases?: PurchaseRulesDto;
  @ApiPropertyOptional({ enum: ageBands, isArray: true, description: 'Age band today' })
  @IsOmittable()
  @IsArray()
  @IsIn(ageBands, { each: true })
  ageBands?: AgeBand[];
  @ApiPropertyOptional({ enum: familyStatuses, isArray: true })
  @IsOmittable()
  @IsArray()
  @IsIn(familyStatuses, { each: true })
  familyStatuses?: FamilyStatus[];
  @ApiPropertyOptional({ description: 'With children (true) or without (false)' })
  @IsOmittable()
  @IsBoolean()
  hasChildren?: boolean;
}

export class SegmentDto {
  @IsText(200) name!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(2000) description?: string;
  @ApiProperty({ type: SegmentRulesDto })
  @IsDefined({ message: '$property is required' })
  @ValidateNested()
  @Type(() => SegmentRulesDto)
  rules!: SegmentRulesDto;
}

export class DefineSegmentDto extends SegmentDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() segmentId?: string;
}

export class SegmentCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: SegmentCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(SegmentCommandMessage)
export class SegmentHandler implements ICommandHandler<SegmentCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: SegmentCommandMessage): Promise<CommandResult> {
    const { segmentId } = command;
    const customFields =
      command.type !== 'RetireSegment' && command.rules.fields
        ? (await this.repository.load(CUSTOM_FIELDS_STREAM, customFieldsDecider)).state.fields
        : {};
    const r = await this.repository.execute(`segment-${segmentId}`, segmentDecider, meta, (s) =>
      segmentDecider.decide(
        command.type === 'RetireSegment' ? command : { ...command, customFields },
        s,
      ),
    );
    return { id: segmentId, revision: r.revision, position: r.position };
  }
}

/** A definition as the domain takes it: the one shape handled. */
const segmentCommand = (
  type: 'DefineSegment' | 'RedefineSegment',
  segmentId: string,
  body: SegmentDto,
  meta: CommandMeta,
): SegmentCommand => ({
  type,
  segmentId,
  name: body.name,
  ...(body.description ? { description: body.description } : {}),
  rules: plain<SegmentRules>(body.rules),
  now: meta.now,
});

@CommandController('segments')
export class SegmentsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Define a customer segment by its rules',
    description:
      'DefineSegment: rules over category, tags, city, interests, owner, consent, contact age, custom fields, purchases (what, how recently, how often, how much) and demographics.',
  })
  @Post()
  @HttpCode(201)
  async define(@Body() body: DefineSegmentDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const id = newId(meta, 'segment', body.segmentId);
    const command = new SegmentCommandMessage(
      segmentCommand('DefineSegment', id, body, meta),
      meta,
    );
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({ summary: "Change a segment's rules" })
  @Post(':id/redefine')
  @HttpCode(200)
  async redefine(
    @Param('id', uuidParam()) id: string,
    @Body() body: SegmentDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new SegmentCommandMessage(
      segmentCommand('RedefineSegment', id, body, meta),
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: 'Retire a segment',
    description:
      'RetireSegment: it is not redefined and no campaign is started for it any more; its definition, members and report stay readable, marked with `retiredAt`. Retiring it again records nothing.',
  })
  @Post(':id/retire')
  @HttpCode(200)
  async retire(
    @Param('id', uuidParam()) segmentId: string,
    @Body() body: RetireDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new SegmentCommandMessage(
      {
        type: 'RetireSegment',
        segmentId,
        ...(body.reason ? { reason: body.reason } : {}),
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }
}
