import { applyDecorators, Controller } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';

/** A command controller: Idempotency-Key and If-Match on every route (the token is global). */
export const CommandController = (path: string) =>
  applyDecorators(
    ApiTags(path),
    ApiHeader({ name: 'Idempotency-Key', required: false }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Expected stream revision (ETag)',
    }),
    Controller(path),
  );
