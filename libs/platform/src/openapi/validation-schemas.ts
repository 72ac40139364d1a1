import { ApiProperty, DECORATORS, type SchemaObject } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { dayPattern, timestampPattern } from '../validation';
import { schemaRulesOf } from '../schema-rules';
import { asciiPattern } from './patterns';

type IOptions = NonNullable<Parameters<typeof targetConstructorToSchema>[1]>;

type Class = abstract new (...args: never[]) => unknown;

const VARIANTS = 'kroonika:openapi-variants';

/** The fields each variant of a DTO needs, by the value of its discriminating property. */
export type Variants = { property: string; fields: Record<string, readonly string[]> };

/**
 * A DTO whose required fields depend on one property (validated with `ValidateIf`): the
 * document shows one schema per value, each with its own required fields.
 */
export const ApiVariants =
  (property: string, fields: Record<string, readonly string[]>): ClassDecorator =>
  (target) => {
    Reflect.defineMetadata(VARIANTS, { property, fields } satisfies Variants, target);
  };

export type Described = {
  /** The classes whose rules are in the document. */
  names: Set<string>;
  variants: Map<string, Variants>;
  rules: Map<string, SchemaObject[]>;
};

/** The JSON Schema of what class-validator enforces, for the rules class-validator-jsonschema does not know. */
const day = { type: 'string', format: 'date', pattern: dayPattern.source } as const;
const timestamp = {
  type: 'string',
  format: 'date-time',
  pattern: timestampPattern.source,
} as const;

const additionalConverters: NonNullable<IOptions['additionalConverters']> = {
  isDay: day,
  isTimestamp: timestamp,
  isInstant: { type: 'string', anyOf: [day, timestamp] },
  isWebAddress: {
    type: 'string',
    format: 'uri',
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+[^\\s]*$',
  },
  // `IsDecimal(places)`: a multiple of 10^-places.
  isDecimal: (meta: { constraints: unknown }) => ({
    type: 'number',
    multipleOf: 10 ** -Number((meta.constraints as unknown[])[0]),
  }),
};

const options: Partial<IOptions> = {
  classTransformerMetadataStorage: defaultMetadataStorage,
  refPointerPrefix: '#/components/schemas/',
  additionalConverters,
};

// The keywords a property takes over from its validation rules.
const constraintKeys = [
  'type',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'enum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'anyOf',
] as const;

const builtins = new Set<unknown>([String, Number, Boolean, Object, Array, Date]);
const isClass = (type: unknown) => typeof type === 'function' && !builtins.has(type);

/**
 * class-validator-jsonschema's rule for a property, in the words the OpenAPI document uses:
 * patterns in the ASCII classes JavaScript means.
 */
const constraints = (rule: SchemaObject): Record<string, unknown> => {
  const picked: Record<string, unknown> = {};
  for (const key of constraintKeys) if (rule[key] !== undefined) picked[key] = rule[key];
  if (typeof rule.pattern === 'string') picked['pattern'] = asciiPattern(rule.pattern);
  if (Array.isArray(picked['anyOf']))
    picked['anyOf'] = (picked['anyOf'] as SchemaObject[]).map((s) =>
      s.pattern ? { ...s, pattern: asciiPattern(s.pattern) } : s,
    );
  return picked;
};

/** Every class class-validator knows rules for: the body and query DTOs of the app. */
const validatedClasses = (): Class[] => {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Class, unknown> };
  return [...storage.validationMetadatas.keys()];
};

/** The names of the rules on each property of a class (`isOptional`, `isInt`, …). */
const rulesOf = (target: Class): Map<string, Set<string>> => {
  const rules = new Map<string, Set<string>>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const names = rules.get(m.propertyName) ?? new Set<string>();
    if (m.name) names.add(m.name);
    rules.set(m.propertyName, names);
  }
  return rules;
};

/**
 * Writes every rule the validation pipe enforces into the OpenAPI metadata of its DTO:
 * lengths, formats, patterns, integer or number, minimum and maximum, enums, item counts,
 * whether it is required, and `nullable` where `null` is taken (class-validator's
 * `IsOptional`; `IsOmittable` fields may be left out but are never null). Descriptions and
 * examples written by hand stay. Returns what it described.
 */
export const describeValidatedClasses = (): Described => {
  const described: Described = { names: new Set(), variants: new Map(), rules: new Map() };
  for (const target of validatedClasses()) {
    const schema = targetConstructorToSchema(target, options) as SchemaObject;
    const required = new Set(schema.required ?? []);
    const rules = rulesOf(target);
    const prototype = target.prototype as object;
    for (const [name, rule] of Object.entries(schema.properties ?? {})) {
      if ('$ref' in rule) continue;
      const existing = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, name) ??
        {}) as Record<string, unknown>;
      const names = rules.get(name) ?? new Set<string>();
      const own: Record<string, unknown> = constraints(rule);
      // `Min` and `Max` make class-validator-jsonschema say number even next to `IsInt`.
      if (names.has('isInt') && own['type'] === 'number') own['type'] = 'integer';
      if (rule.type === 'array' && rule.items) {
        const items = rule.items as SchemaObject & { $ref?: string };
        if (items.$ref) {
          const nested = defaultMetadataStorage.findTypeMetadata(target, name) as
            { typeFunction: () => unknown } | undefined;
          delete own['type'];
          // Declared by hand as `[Class]` or `Class, isArray`: already an array of the class.
          const declared = Array.isArray(existing['type']) || isClass(existing['type']);
          if (nested && !declared) own['type'] = [nested.typeFunction()];
          if (isClass(existing['type']) && existing['isArray'] !== true) own['isArray'] = true;
        } else {
          const each = constraints(items);
          if (names.has('isInt') && each['type'] === 'number') each['type'] = 'integer';
          own['items'] = each;
        }
      }
      // A class-typed property (a nested DTO) keeps its class: swagger refers to its schema.
      // Said again on a subclass, or swagger would take the design type (Array) for it.
      if (isClass(existing['type']) || Array.isArray(existing['type'])) {
        own['type'] = existing['type'];
        if (existing['isArray'] === true) own['isArray'] = true;
      }
      ApiProperty({
        ...own,
        required: required.has(name),
        ...(names.has('isOptional') ? { nullable: true } : {}),
      })(prototype, name);
    }
    described.names.add(target.name);
    const variants = Reflect.getMetadata(VARIANTS, target) as Variants | undefined;
    if (variants) described.variants.set(target.name, variants);
    const across = schemaRulesOf(target);
    if (across.length > 0) described.rules.set(target.name, [...across]);
  }
  return described;
};
