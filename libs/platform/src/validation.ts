import {
  type ArgumentMetadata,
  applyDecorators,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { problem } from './problem';
import { brokenRules, type FieldError } from './schema-rules';
import { keepResolvedRules } from './validation-rules';

/**
 * What is wrong with one field. A field left out that is required is said to be so, once,
 * rather than by every rule its missing value breaks ("must be a string", "should not be
 * empty", …); a key that is the empty text is named in words (class-validator says "property
 * should not exist" with nothing between).
 */
const messagesOf = (e: ValidationError): string[] => {
  if (!e.constraints) return [];
  if (e.property === '') return ['a field without a name should not exist'];
  if (e.value === undefined && e.property) return [`${e.property} is required`];
  const said = Object.entries(e.constraints)
    .filter(([rule]) => BOUNDS[rule]?.(e.value) ?? true)
    .map(([, message]) => message);
  return said.length > 0 ? said : Object.values(e.constraints);
};

/**
 * A number a bound can be said of: not `NaN`, which a number parameter sent as `abc` becomes.
 * A list may be checked item by item (`each`), so a bound is said of it as of its items.
 */
const isNumber = (value: unknown) =>
  (typeof value === 'number' && !Number.isNaN(value)) || Array.isArray(value);
const isText = (value: unknown) => typeof value === 'string' || Array.isArray(value);

/**
 * The bounds a rule sets, and the values they are about: a bound is not said of a value it
 * could not hold for. A text sent for an amount "must be an integer number"; that it is also
 * "not less than 0" or "not greater than" the bound is true of no text, and only hides what to
 * mend.
 */
const BOUNDS: Partial<Record<string, (value: unknown) => boolean>> = {
  min: isNumber,
  max: isNumber,
  isPositive: isNumber,
  minLength: isText,
  maxLength: isText,
  arrayMinSize: Array.isArray,
  arrayMaxSize: Array.isArray,
  arrayUnique: Array.isArray,
};

/** Each field with what is wrong with it, nested fields by their whole path. */
const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const messages = messagesOf(e);
    const own = messages.length > 0 ? [{ field, messages }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

const MAX_DEPTH = 16;

/** Nesting depth, counted without recursion so that no input can exhaust the stack. */
const depthOf = (value: unknown): number => {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
};

/**
 * A message about a nested field names its whole path: class-validator says `kind must be …`
 * of `lines.0.kind`, which reads as `lines.0.kind must be …`.
 */
const withPath = (field: string, message: string) => {
  const last = field.split('.').at(-1)!;
  if (last === field) return message;
  return message.startsWith(`${last} `)
    ? `${field}${message.slice(last.length)}`
    : `${field}: ${message}`;
};

/** What is wrong, in one sentence a person reads: the first three messages and how many more. */
const whatIsWrong = (fields: FieldError[]) => {
  const messages = fields.flatMap((f) => f.messages.map((m) => withPath(f.field, m)));
  const shown = messages.slice(0, 3).join('; ');
  const more = messages.length - 3;
  return more > 0 ? `${shown}; and ${more} more (see errors)` : shown || 'The input is invalid';
};

/** The 400 for input that is not of its shape, listing each field and what is wrong with it. */
export const invalidInput = (fields: FieldError[]) =>
  problem(400, 'invalid-input', 'Invalid input', whatIsWrong(fields), { errors: fields });

/**
 * The query parameters sent more than once (`?limit=5&limit=6`, which the parser gives as a
 * list) that the query takes once: its type declares them other than as a list.
 */
const sentTwice = (query: object, type: ArgumentMetadata['metatype']): FieldError[] =>
  Object.entries(query).flatMap(([field, value]) => {
    if (!Array.isArray(value) || !type) return [];
    const declared: unknown = Reflect.getMetadata('design:type', type.prototype as object, field);
    return declared === undefined || declared === Array
      ? []
      : [{ field, messages: [`${field} is sent ${value.length} times: send it once`] }];
  });

/**
 * A body must be a JSON object of bounded depth before anything transforms it, and once its
 * fields are valid it must keep the rules across them that the document states. A query
 * parameter it takes once is sent once.
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && typeof value === 'object' && value !== null) {
      const repeated = sentTwice(value, metadata.metatype);
      if (repeated.length > 0) throw invalidInput(repeated);
    }
    if (metadata.type === 'body' && value !== undefined) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw problem(400, 'invalid-body', 'Invalid body', 'The body must be a JSON object');
      if (depthOf(value) > MAX_DEPTH)
        throw problem(
          400,
          'invalid-body',
          'Invalid body',
          `The body is nested deeper than ${MAX_DEPTH} levels`,
        );
    }
    const valid = (await super.transform(value, metadata)) as unknown;
    // Only a body has rules across fields, and only a body's depth is bounded above: what a
    // custom parameter decorator gives (a command's metadata) is never walked.
    if (metadata.type !== 'body') return valid;
    const broken = brokenRules(valid);
    if (broken.length > 0) throw invalidInput(broken);
    return valid;
  }
}

/** Whitelisted, typed bodies; any unknown field or bad value is a 400 listing the fields. */
export const validationPipe = () => {
  keepResolvedRules();
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    // The value is kept on each error only to tell a field left out (never answered back).
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => invalidInput(flatten(errors)),
  });
};

/**
 * A field that may be left out, but is not `null` when sent (class-validator's `IsOptional`
 * lets `null` through: it is kept for the fields where `null` means "clear").
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);

/**
 * A number sent as text (a query parameter, a form field). Blank text is no number — not 0, as
 * `Number('')` would have it — so the checks after it refuse it; a number stays as it is.
 */
export const AsNumber = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (value.trim() === '' ? Number.NaN : Number(value)) : value,
  );

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
    AsNumber(),
    IsInt(),
    Min(1),
    Max(max),
  );

/** `YYYY-MM-DD`, years 1000 to 9999. */
export const dayPattern = /^[1-9]\d{3}-\d{2}-\d{2}$/;

/** RFC 3339: a day, a time of day (seconds required) and Z or an offset. */
export const timestampPattern =
  /^[1-9]\d{3}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** The day exists in the calendar (Date.UTC would take years below 100 as 19xx). */
const isCalendarDay = (text: string): boolean => {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const isDay = (value: unknown): boolean =>
  typeof value === 'string' && dayPattern.test(value) && isCalendarDay(value);
/**
 * The instants a timestamp may name: a day's margin inside the years 1000 to 9999 in UTC, so
 * that its day is a four-digit date in every time zone (offsets reach 14 hours, and more in
 * the local mean time of earlier centuries). Past the year 9999 an instant is written with a
 * sign and six digits (`+010000-01-01T…`), which sorts before every other.
 */
const EARLIEST = Date.parse('1000-01-02T00:00:00Z');
const LATEST = Date.parse('9999-12-30T23:59:59.999Z');

const isTimestamp = (value: unknown): boolean => {
  if (typeof value !== 'string' || !timestampPattern.test(value) || !isCalendarDay(value))
    return false;
  const ms = Date.parse(value);
  return ms >= EARLIEST && ms <= LATEST;
};

/** A day `YYYY-MM-DD` that exists in the calendar (the document says `format: date`). */
export const IsDay = () =>
  ValidateBy({
    name: 'isDay',
    validator: {
      validate: isDay,
      defaultMessage: () => '$property must be a real calendar day, YYYY-MM-DD',
    },
  });

/** An RFC 3339 timestamp on a real day, such as 2026-03-15T09:30:00Z (`format: date-time`). */
export const IsTimestamp = () =>
  ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: isTimestamp,
      defaultMessage: () =>
        '$property must be a timestamp such as 2026-03-15T09:30:00Z, from 1000-01-02 to 9999-12-30 in UTC',
    },
  });

/** A day or a timestamp, for the bounds of a period. */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => isDay(value) || isTimestamp(value),
      defaultMessage: () =>
        '$property must be a day (2026-03-15) or a timestamp (2026-03-15T09:30:00Z, from 1000-01-02 to 9999-12-30 in UTC)',
    },
  });

/** An http(s) address a browser or a webhook client can reach: scheme, host, the rest. */
export const IsWebAddress = () =>
  ValidateBy({
    name: 'isWebAddress',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value) &&
        URL.canParse(value),
      defaultMessage: () => '$property must be an http or https address',
    },
  });
