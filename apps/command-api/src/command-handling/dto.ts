import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { IsDay, IsOmittable } from '#platform';

export class MoneyDto {
  @ApiProperty({ description: 'Integer minor units (cents)', example: 150000 })
  @IsInt()
  @Min(0)
  @Max(1e13)
  amount!: number;

  @ApiProperty({ description: 'ISO 4217 code', example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
}

/**
 * `allowDuplicate`: a command that gives a customer a registry code another customer has goes
 * ahead (a branch kept apart) instead of answering 409 `registry-code-taken`.
 */
export const AllowsDuplicate = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({
      description: `${what} although another customer has the registry code (a branch kept apart); without it that is 409 \`registry-code-taken\``,
    }),
    IsOmittable(),
    IsBoolean(),
  );

/** A field a change may leave out (it stays) or send as `null` (what there was is removed). */
export const IsRemovable = () =>
  applyDecorators(ApiPropertyOptional({ nullable: true }), IsOptional());

/** A phone number as people write it: digits, spaces, brackets and dashes, a leading `+`. */
export const IsPhone = (each = false) =>
  Matches(/^\+?[\d ()-]{3,40}$/, {
    each,
    message: each ? 'each phone must be a phone number' : 'phone must be a phone number',
  });

/** A business day `YYYY-MM-DD` that exists in the calendar. */
export const IsBusinessDay = () => applyDecorators(ApiProperty({ example: '2026-03-15' }), IsDay());

/**
 * Up to 20 tags, as customers carry them: each a letter or digit first, then up to 39 letters,
 * digits, spaces, - or _. May be left out.
 */
export const IsTags = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: 20 }),
    IsOmittable(),
    IsArray(),
    ArrayMaxSize(20),
    Matches(/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u, {
      each: true,
      message: 'each tag must be 1–40 letters, digits, spaces, - or _',
    }),
  );

/** Required free text with a length limit. */
export const IsText = (max: number) =>
  applyDecorators(ApiProperty({ maxLength: max }), IsString(), IsNotEmpty(), MaxLength(max));

export const IsMoney = () =>
  applyDecorators(
    ApiProperty({ type: MoneyDto }),
    // Nested validation lets a missing object through; a required one must be there.
    IsDefined({ message: '$property is required' }),
    ValidateNested(),
    Type(() => MoneyDto),
  );

/** A staff member id: the `sub` of their tokens, a UUID. */
export const IsStaffId = (required = false) =>
  applyDecorators(
    ApiProperty({ required, format: 'uuid' }),
    IsUUID(undefined, { message: '$property must be a staff member id (UUID)' }),
  );

/** A validated DTO as plain data: no class instances or undefined fields in events. */
export const plain = <T>(dto: T): T => JSON.parse(JSON.stringify(dto)) as T;

/**
 * A finite number with at most `places` decimals. Checked by scaling, not by printing the
 * number, so exponent forms such as `1e-7` or `5e-324` are judged like any other value.
 */
export const IsDecimal = (places: number) =>
  ValidateBy({
    name: 'isDecimal',
    constraints: [places],
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'number' || !Number.isFinite(value)) return false;
        const scaled = value * 10 ** places;
        // Only the rounding error of the scaling itself is forgiven: 1e-7 or 5e-324 is no 0.
        return Math.abs(scaled - Math.round(scaled)) <= Math.abs(scaled) * Number.EPSILON * 8;
      },
      defaultMessage: () => `$property must be a number with at most ${places} decimals`,
    },
  });

/** Retiring something (a custom field, a segment): why, if said. */
export class RetireDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOmittable() @IsText(500) reason?: string;
}
