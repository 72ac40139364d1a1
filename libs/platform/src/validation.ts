import {
  type ArgumentMetadata,
  applyDecorators,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { problem } from './problem';

type FieldError = { field: string; messages: string[] };

const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
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

/** A body must be a JSON object of bounded depth before anything transforms it. */
class BoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
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
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** Whitelisted, typed bodies; any unknown field or bad value is a 400 listing the fields. */
export const validationPipe = () =>
  new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return problem(
        400,
        'invalid-input',
        'Invalid input',
        `${fields.length} field(s) are invalid`,
        {
          errors: fields,
        },
      );
    },
  });

/**
 * A field that may be left out, but is not `null` when sent (class-validator's `IsOptional`
 * lets `null` through: it is kept for the fields where `null` means "clear").
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);

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
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
