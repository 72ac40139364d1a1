import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ticketChannels, type TicketChannel, ticketPriorities, type TicketPriority } from '#events';
import { IsRemovable, IsStaffId, IsText } from '../command-handling/dto';
import { IsOmittable } from '#platform';

export class OpenTicketDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() ticketId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiProperty({ enum: ticketChannels }) @IsIn(ticketChannels) channel!: TicketChannel;
  @IsText(200) subject!: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(10000) description?: string;
  @ApiPropertyOptional() @IsOmittable() @IsText(100) classification?: string;
  @ApiProperty({ enum: ticketPriorities }) @IsIn(ticketPriorities) priority!: TicketPriority;
  @IsOmittable() @IsStaffId() assigneeId?: string;
}

/** A correction: what is given replaces, `null` removes the description, the rest stays. */
export class ChangeTicketDetailsDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(200) subject?: string;
  @IsRemovable() @IsText(10000) description?: string | null;
}

export class ResolveTicketDto {
  @IsText(5000) resolution!: string;
}

export class CloseTicketDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOmittable() @IsText(500) note?: string;
}

/** Reclassify: a new priority and/or class (null clears the class), with the reason. */
export class ReclassifyTicketDto {
  @ApiPropertyOptional({ enum: ticketPriorities })
  @IsOmittable()
  @IsIn(ticketPriorities)
  priority?: TicketPriority;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsText(100) classification?:
    string | null;
  @IsText(500) reason!: string;
}

export class RespondToTicketDto {
  @IsText(10000) message!: string;
  @ApiProperty({ enum: ticketChannels }) @IsIn(ticketChannels) channel!: TicketChannel;
}

export class ReopenTicketDto {
  @IsText(500) reason!: string;
}

export class ShareTicketDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 90,
    default: 30,
    description: 'How many days the link works',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number;
}
