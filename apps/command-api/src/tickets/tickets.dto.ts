import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ticketChannels, type TicketChannel, ticketPriorities, type TicketPriority } from '#events';
import { IsStaffId, IsText } from '../command-handling/dto';

export class OpenTicketDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ticketId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiProperty({ enum: ticketChannels }) @IsIn(ticketChannels) channel!: TicketChannel;
  @IsText(200) subject!: string;
  @ApiPropertyOptional() @IsOptional() @IsText(10000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(100) classification?: string;
  @ApiProperty({ enum: ticketPriorities }) @IsIn(ticketPriorities) priority!: TicketPriority;
  @IsOptional() @IsStaffId() assigneeId?: string;
}

export class ResolveTicketDto {
  @IsText(5000) resolution!: string;
}

export class CloseTicketDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsText(500) note?: string;
}
