import { Answer } from '../openapi/answer';
import { applyDecorators, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { FIELD_CONDITION } from '#domain';
import { customFieldEntities, type CustomFieldEntity, type CustomFieldValue } from '#events';
import { collections, type CustomFieldDoc } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

const statuses = ['active', 'retired'] as const;

export class CustomFieldsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: customFieldEntities })
  @IsOptional()
  @IsIn(customFieldEntities)
  entity?: CustomFieldEntity;
  @ApiPropertyOptional({ enum: statuses, description: 'In use, or retired (history only)' })
  @IsOptional()
  @IsIn(statuses)
  status?: (typeof statuses)[number];
}

/**
 * The repeatable `field` filter of a list: conditions on custom fields that all hold. A key no
 * field has, or a value the field cannot compare with, matches nothing.
 */
export const FieldConditions = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({
      type: [String],
      maxItems: 10,
      items: { type: 'string', pattern: FIELD_CONDITION.source },
      description: `Conditions on ${what} custom fields, repeatable, all of which hold: \`key:value\` (a text contains it, a choice is it, a multi-choice has it, yes/no is true or false, a number, amount or day equals it), \`key>=value\`, \`key>value\`, \`key<=value\` or \`key<value\` (numbers, money in minor units, days). A key no field has, or a value its field cannot compare with, matches nothing.`,
      example: ['industry:Retail'],
    } as never),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value)),
    IsArray(),
    ArrayMaxSize(10),
    Matches(FIELD_CONDITION, {
      each: true,
      message: 'each field must be key:value, key>=value, key>value, key<=value or key<value',
    }),
  );

/** Values with their fields' labels and types: fields in use only, by label. */
export const labelled = (
  values: Readonly<Record<string, CustomFieldValue>> | undefined,
  fields: ReadonlyMap<string, CustomFieldDoc>,
) =>
  Object.entries(values ?? {})
    .flatMap(([key, value]) => {
      const field = fields.get(key);
      return field?.status === 'active'
        ? [{ fieldKey: key, label: field.label, fieldType: field.fieldType, value }]
        : [];
    })
    .sort((a, b) => a.label.localeCompare(b.label));

/** The definitions of the fields these values are of, by key (none read when there are none). */
export const definitionsOf = async (
  store: ReadStore,
  values: readonly (Readonly<Record<string, CustomFieldValue>> | undefined)[],
): Promise<ReadonlyMap<string, CustomFieldDoc>> => {
  const keys = [...new Set(values.flatMap((v) => Object.keys(v ?? {})))];
  return store.getMany<CustomFieldDoc>(collections.customFields, keys);
};

@ApiTags('custom-fields')
@Controller('custom-fields')
export class CustomFieldsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'CustomFieldPage',
    'Custom fields of customers, contacts and deals',
    'Each field with its key, label (and the labels it had before), type, options or currency, and whether it is in use or retired.',
  )
  @Get()
  async list(@Query() query: CustomFieldsQuery) {
    const filter: Filter = {
      ...(query.entity ? { entity: query.entity } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const page = await this.store.find<CustomFieldDoc>(
      collections.customFields,
      filter,
      pageOptions(query, [
        ['entity', 1],
        ['label', 1],
      ]),
    );
    return {
      items: page.items.map(({ _id, _position: _p, ...f }) => ({ fieldKey: _id, ...f })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
