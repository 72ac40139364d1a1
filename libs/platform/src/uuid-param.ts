import { ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { problem } from './problem';

/** A path id that is not a UUID is a 400, never a lookup. */
export const uuidParam = (name = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      problem(400, 'invalid-input', 'Invalid input', `${name} must be a UUID`, {
        errors: [{ field: name, messages: [`${name} must be a UUID`] }],
      }),
  });

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
    if (!pattern.test(value))
      throw problem(400, 'invalid-input', 'Invalid input', `${name} must be ${what}`, {
        errors: [{ field: name, messages: [`${name} must be ${what}`] }],
      });
    return normalise(value);
  },
});
