import { applyDecorators, Controller } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';

/**
 * A command controller: Idempotency-Key and If-Match on every route (the token is global), and
 * the answer's ETag and status set from the command's result (`shapeCommandAnswer`). Routes under several paths give
 * `path` '' and a `tag` of their own.
 */
export const CommandController = (path: string, tag = path) =>
  applyDecorators(
    ApiTags(tag),
    ApiHeader({ name: 'Idempotency-Key', required: false }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Expected stream revision (ETag)',
    }),
    Controller(path),
  );
