import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { problem, readConfig, todayIn, uuidParam } from '#platform';
import { PipelinesService } from './pipelines.service';

export class BoardQuery {
  @ApiPropertyOptional({ description: 'IANA time zone for "today"', example: 'Europe/Tallinn' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tz?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;
}

@ApiTags('pipelines')
@Controller('pipelines')
export class PipelinesController {
  private readonly defaultTz = readConfig().timezone;

  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  async list() {
    return { items: await this.pipelines.list() };
  }

  @Get(':id/board')
  board(@Param('id', uuidParam()) id: string, @Query() query: BoardQuery) {
    const now = new Date();
    const tz = query.tz ?? this.defaultTz;
    const today = todayIn(tz, now);
    if (!today)
      throw problem(400, 'invalid-input', 'Invalid input', `Unknown time zone ${tz}`, {
        errors: [{ field: 'tz', messages: ['tz must be an IANA time zone'] }],
      });
    return this.pipelines.board(id, today, now, query.ownerId);
  }
}
