import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { problem } from './problem';

type FieldError = { field: string; messages: string[] };

const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

/** Whitelisted, typed bodies; any unknown field or bad value is a 400 listing the fields. */
export const validationPipe = () =>
  new ValidationPipe({
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
