import { ParseUUIDPipe } from '@nestjs/common';
import { problem } from './problem';

/** A path id that is not a UUID is a 400, never a lookup. */
export const uuidParam = (name = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      problem(400, 'invalid-input', 'Invalid input', `${name} must be a UUID`, {
        errors: [{ field: name, messages: [`${name} must be a UUID`] }],
      }),
  });
