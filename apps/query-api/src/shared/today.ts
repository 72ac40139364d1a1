import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { problem, readConfig, todayIn } from '#platform';

let defaultZone: string | undefined;

/** The IANA time zones this runtime knows, and UTC. */
export const timeZones: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/**
 * An optional `tz` query parameter: the IANA time zone "today" (or what `description` says) is
 * taken in; the business's `DEFAULT_TIMEZONE` without it.
 */
export const IsTimeZone = (description = 'IANA time zone for "today"') =>
  applyDecorators(
    ApiPropertyOptional({
      description: `${description} (DEFAULT_TIMEZONE when absent)`,
      example: 'Europe/Tallinn',
    }),
    IsOptional(),
    IsIn(timeZones, { message: '$property must be an IANA time zone such as Europe/Tallinn' }),
  );

/** A read whose only parameter is the time zone its "today" is taken in. */
export class TodayQuery {
  @IsTimeZone() tz?: string;
}

/** The zone a read takes its days in: `tz`, or the business's (DEFAULT_TIMEZONE). */
export const businessZone = (tz: string | undefined): string =>
  tz ?? (defaultZone ??= readConfig().timezone);

/** Today's business day in `tz` (default DEFAULT_TIMEZONE); an unknown zone is a 400. */
export const businessToday = (tz: string | undefined, now = new Date()): string => {
  const zone = businessZone(tz);
  const today = todayIn(zone, now);
  if (!today)
    throw problem(400, 'invalid-input', 'Invalid input', `Unknown time zone ${zone}`, {
      errors: [{ field: 'tz', messages: ['tz must be an IANA time zone'] }],
    });
  return today;
};
