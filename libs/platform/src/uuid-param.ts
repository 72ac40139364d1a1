import { ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { invalidInput } from './validation';

/** The 400 for a path parameter that is not of its shape. */
const invalidParam = (name: string, what: string) =>
  invalidInput([{ field: name, messages: [`${name} must be ${what}`] }]);

/** A path id that is not a UUID is a 400, never a lookup. */
export const uuidParam = (name = 'id') =>
  new ParseUUIDPipe({ exceptionFactory: () => invalidParam(name, 'a UUID') });

/**
 * A path parameter of a given shape (a field key, a product code, a stream name): anything
 * else is a 400 saying it must be `what`, never a lookup; `normalise` gives the form kept
 * (a product code in upper case).
 */
export const patternParam = (
  name: string,
  pattern: RegExp,
  what: string,
  normalise: (value: string) => string = (value) => value,
): PipeTransform<string, string> => ({
  transform: (value) => {
    if (!pattern.test(value)) throw invalidParam(name, what);
    return normalise(value);
  },
});
