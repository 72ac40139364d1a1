import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';
import {
  CUSTOM_FIELD_KEY,
  type CustomFieldCommand,
  customFieldsDecider,
  customerDecider,
  dealDecider,
  MAX_FIELD_OPTIONS,
  MAX_TEXT_VALUE,
  MAX_VALUES_PER_CHANGE,
} from '#domain';
import {
  customFieldEntities,
  type CustomFieldEntity,
  customFieldTypes,
  type CustomFieldType,
} from '#events';
import { acrossFields, ApiSchemaRules, IsOmittable, patternParam, uuidParam } from '#platform';
import { AggregateRepository, type CommandMeta } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsText, RetireDto } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';

/** The one stream holding every custom field definition. */
export const CUSTOM_FIELDS_STREAM = 'customFields-definitions';

const KEY_PATTERN = CUSTOM_FIELD_KEY.source;

/** A value of the shapes the document states (which field takes which is the domain's call). */
const valueShaped = (value: unknown): boolean => {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= MAX_TEXT_VALUE;
  if (Array.isArray(value))
    return (
      value.length <= MAX_FIELD_OPTIONS &&
      value.every((v) => typeof v === 'string' && v.length <= 100)
    );
  if (typeof value !== 'object') return false;
  const keys = Object.keys(value);
  const { amount, currency } = value as { amount?: unknown; currency?: unknown };
  return (
    keys.length === 2 &&
    Number.isSafeInteger(amount) &&
    typeof currency === 'string' &&
    /^[A-Z]{3}$/.test(currency)
  );
};

/** 1 to 50 values, each of a stated shape: anything else is refused before anything is read. */
const IsFieldValues = () =>
  ValidateBy({
    name: 'isFieldValues',
    validator: {
      validate: (values: unknown) => {
        if (typeof values !== 'object' || values === null || Array.isArray(values)) return false;
        const entries = Object.values(values);
        return (
          entries.length >= 1 &&
          entries.length <= MAX_VALUES_PER_CHANGE &&
          entries.every(valueShaped)
        );
      },
      defaultMessage: () =>
        `values must map 1 to ${MAX_VALUES_PER_CHANGE} field keys to null, a text, a number, true/false, a list of texts or {amount, currency}`,
    },
  });

const Options = (required: boolean) => (target: object, key: string) => {
  (required ? ApiProperty : ApiPropertyOptional)({
    type: [String],
    minItems: 1,
    maxItems: MAX_FIELD_OPTIONS,
    items: { type: 'string', minLength: 1, maxLength: 100 },
  } as never)(target, key);
  if (!required) IsOmittable()(target, key);
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(MAX_FIELD_OPTIONS)(target, key);
  IsString({ each: true })(target, key);
  MinLength(1, { each: true })(target, key);
  MaxLength(100, { each: true })(target, key);
};

const fitsItsType =
  'choice and multiChoice fields take options, money fields a currency, other types neither';

/** Options with choice fields only (and always), a currency with money fields only (and always). */
const FitsItsType = () =>
  ValidateBy({
    name: 'fitsItsType',
    validator: {
      validate: (fieldType: unknown, args) => {
        const { options, currency } = args?.object as { options?: unknown; currency?: unknown };
        const choice = fieldType === 'choice' || fieldType === 'multiChoice';
        const money = fieldType === 'money';
        return (options !== undefined) === choice && (currency !== undefined) === money;
      },
      defaultMessage: () => fitsItsType,
    },
  });

@ApiSchemaRules(
  acrossFields(
    {
      oneOf: [
        {
          properties: { fieldType: { enum: ['choice', 'multiChoice'] } },
          required: ['options'],
          not: { required: ['currency'] },
        },
        {
          properties: { fieldType: { enum: ['money'] } },
          required: ['currency'],
          not: { required: ['options'] },
        },
        {
          properties: { fieldType: { enum: ['text', 'number', 'date', 'boolean'] } },
          not: { anyOf: [{ required: ['options'] }, { required: ['currency'] }] },
        },
      ],
    },
    'fieldType',
    fitsItsType,
  ),
)
export class DefineCustomFieldDto {
  @ApiProperty({
    pattern: KEY_PATTERN,
    description:
      'How values, list filters and segment rules name the field, for good (a lower-case letter, then letters, digits and _)',
    example: 'industry',
  })
  @Matches(CUSTOM_FIELD_KEY, {
    message: 'fieldKey must be a lower-case letter, then up to 39 letters, digits or _',
  })
  fieldKey!: string;
  @ApiProperty({ enum: customFieldEntities })
  @IsIn(customFieldEntities)
  entity!: CustomFieldEntity;
  @IsText(100) label!: string;
  @ApiProperty({ enum: customFieldTypes })
  @IsIn(customFieldTypes)
  @FitsItsType()
  fieldType!: CustomFieldType;
  @Options(false) options?: string[];
  @ApiPropertyOptional({ pattern: '^[A-Z]{3}$', description: "A money field's ISO 4217 currency" })
  @IsOmittable()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;
}

export class RenameCustomFieldDto {
  @IsText(100) label!: string;
}

export class AddCustomFieldOptionsDto {
  @Options(true) options!: string[];
}

export class CustomFieldValuesDto {
  @ApiProperty({
    type: 'object',
    minProperties: 1,
    maxProperties: MAX_VALUES_PER_CHANGE,
    description:
      "Values by field key; null clears one. Text (an empty one clears it), a number, money in the field's currency (minor units), a day (YYYY-MM-DD), an option, a list of options, or true/false — as the field's type says.",
    additionalProperties: {
      nullable: true,
      anyOf: [
        { type: 'string', maxLength: MAX_TEXT_VALUE },
        { type: 'number' },
        { type: 'boolean' },
        {
          type: 'array',
          maxItems: MAX_FIELD_OPTIONS,
          items: { type: 'string', maxLength: 100 },
        },
        {
          type: 'object',
          properties: {
            amount: {
              type: 'integer',
              description: 'Minor units',
              minimum: -Number.MAX_SAFE_INTEGER,
              maximum: Number.MAX_SAFE_INTEGER,
            },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          },
          required: ['amount', 'currency'],
          additionalProperties: false,
        },
      ],
    },
    example: { industry: 'Retail', employees: 40 },
  } as never)
  @IsFieldValues()
  values!: Record<string, unknown>;
}

export class CustomFieldMessage extends Command<CommandResult> {
  constructor(
    readonly command: CustomFieldCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Values to set on a customer, one of its contacts, or a deal. */
export type FieldValuesTarget =
  { kind: 'customer'; customerId: string; contactId?: string } | { kind: 'deal'; dealId: string };

export class SetFieldValuesMessage extends Command<CommandResult> {
  constructor(
    readonly target: FieldValuesTarget,
    readonly values: Record<string, unknown>,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(CustomFieldMessage)
export class CustomFieldHandler implements ICommandHandler<CustomFieldMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: CustomFieldMessage): Promise<CommandResult> {
    const r = await this.repository.execute(CUSTOM_FIELDS_STREAM, customFieldsDecider, meta, (s) =>
      customFieldsDecider.decide(command, s),
    );
    return { id: command.fieldKey, revision: r.revision, position: r.position };
  }
}

/** Values are checked against the definitions, read from their stream before deciding. */
@CommandHandler(SetFieldValuesMessage)
export class SetFieldValuesHandler implements ICommandHandler<SetFieldValuesMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ target, values, meta }: SetFieldValuesMessage): Promise<CommandResult> {
    const { fields } = (await this.repository.load(CUSTOM_FIELDS_STREAM, customFieldsDecider))
      .state;
    if (target.kind === 'deal') {
      const r = await this.repository.execute(`deal-${target.dealId}`, dealDecider, meta, (s) =>
        dealDecider.decide(
          {
            type: 'SetDealCustomFieldValues',
            dealId: target.dealId,
            values,
            fields,
            now: meta.now,
          },
          s,
        ),
      );
      return { id: target.dealId, revision: r.revision, position: r.position };
    }
    const { customerId, contactId } = target;
    const r = await this.repository.execute(`customer-${customerId}`, customerDecider, meta, (s) =>
      customerDecider.decide(
        {
          type: 'SetCustomFieldValues',
          customerId,
          ...(contactId ? { contactId } : {}),
          values,
          fields,
          now: meta.now,
        },
        s,
      ),
    );
    return { id: customerId, revision: r.revision, position: r.position };
  }
}

/** The `:key` of a field: its OpenAPI entry, and a 400 for anything that is no key. */
const KeyParam = () =>
  ApiParam({
    name: 'key',
    description: "The field's key",
    schema: { type: 'string', pattern: KEY_PATTERN },
  });
const keyPipe = patternParam('key', CUSTOM_FIELD_KEY, 'a field key');

@CommandController('custom-fields')
export class CustomFieldsController {
  constructor(private readonly commands: CommandBus) {}

  private run(command: CustomFieldCommand, meta: CommandMeta, created: boolean) {
    return this.commands
      .execute(new CustomFieldMessage(command, meta))
      .then((r) => answer(r, created));
  }

  @ApiOperation({
    summary: 'Define a custom field for customers, contacts or deals',
    description:
      'DefineCustomField: a typed field (text, number, money, date, choice, multiChoice, boolean) with a key that names it for good. Choice fields need options, money fields a currency. Labels are unique among the fields in use for the same kind of record; keys forever.',
  })
  @Post()
  @HttpCode(201)
  async define(
    @Body() body: DefineCustomFieldDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.run(
      {
        type: 'DefineCustomField',
        fieldKey: body.fieldKey,
        entity: body.entity,
        label: body.label,
        fieldType: body.fieldType,
        ...(body.options ? { options: body.options } : {}),
        ...(body.currency ? { currency: body.currency } : {}),
        now: meta.now,
      },
      meta,
      true,
    );
  }

  @ApiOperation({
    summary: 'Rename a custom field',
    description:
      'RenameCustomField: a new label; its key, values and history stay (the history shows the labels as they were).',
  })
  @KeyParam()
  @Post(':key/rename')
  @HttpCode(200)
  async rename(
    @Param('key', keyPipe) fieldKey: string,
    @Body() body: RenameCustomFieldDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.run(
      { type: 'RenameCustomField', fieldKey, label: body.label, now: meta.now },
      meta,
      false,
    );
  }

  @ApiOperation({
    summary: 'Add options to a choice field',
    description: 'AddCustomFieldOptions: options already there are left as they are.',
  })
  @KeyParam()
  @Post(':key/options')
  @HttpCode(200)
  async addOptions(
    @Param('key', keyPipe) fieldKey: string,
    @Body() body: AddCustomFieldOptionsDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.run(
      { type: 'AddCustomFieldOptions', fieldKey, options: body.options, now: meta.now },
      meta,
      false,
    );
  }

  @ApiOperation({
    summary: 'Retire a custom field',
    description:
      'RetireCustomField: no more values are set and it leaves the 360; the values set so far stay in the history, and its key stays reserved.',
  })
  @KeyParam()
  @Post(':key/retire')
  @HttpCode(200)
  async retire(
    @Param('key', keyPipe) fieldKey: string,
    @Body() body: RetireDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.run(
      {
        type: 'RetireCustomField',
        fieldKey,
        ...(body.reason ? { reason: body.reason } : {}),
        now: meta.now,
      },
      meta,
      false,
    );
  }
}

/** Setting values: on the record's own path, validated against the field definitions. */
@CommandController('', 'custom-fields')
export class CustomFieldValuesController {
  constructor(private readonly commands: CommandBus) {}

  private set(target: FieldValuesTarget, body: CustomFieldValuesDto, meta: CommandMeta) {
    return this.commands
      .execute(new SetFieldValuesMessage(target, body.values, meta))
      .then((r) => answer(r, false));
  }

  @ApiOperation({
    summary: "Set a customer's custom field values",
    description:
      'SetCustomFieldValues: each value checked against its field; unchanged ones are no news.',
  })
  @Post('customers/:id/custom-fields')
  @HttpCode(200)
  async customer(
    @Param('id', uuidParam()) customerId: string,
    @Body() body: CustomFieldValuesDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.set({ kind: 'customer', customerId }, body, meta);
  }

  @ApiOperation({
    summary: "Set a contact person's custom field values",
    description: "SetCustomFieldValues for one of the customer's contacts (contact fields).",
  })
  @Post('customers/:id/contacts/:contactId/custom-fields')
  @HttpCode(200)
  async contact(
    @Param('id', uuidParam()) customerId: string,
    @Param('contactId', uuidParam('contactId')) contactId: string,
    @Body() body: CustomFieldValuesDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.set({ kind: 'customer', customerId, contactId }, body, meta);
  }

  @ApiOperation({
    summary: "Set a deal's custom field values",
    description: 'SetDealCustomFieldValues: open or closed deals alike.',
  })
  @Post('deals/:id/custom-fields')
  @HttpCode(200)
  async deal(
    @Param('id', uuidParam()) dealId: string,
    @Body() body: CustomFieldValuesDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.set({ kind: 'deal', dealId }, body, meta);
  }
}
