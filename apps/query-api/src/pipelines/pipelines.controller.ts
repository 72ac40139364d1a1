import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { uuidParam } from '#platform';
import { businessToday, IsTimeZone } from '../shared/today';
import { PipelinesService } from './pipelines.service';

export class BoardQuery {
  @IsTimeZone() tz?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;
}

@ApiTags('pipelines')
@Controller('pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  async list() {
    return { items: await this.pipelines.list() };
  }

  @Get(':id/board')
  board(@Param('id', uuidParam()) id: string, @Query() query: BoardQuery) {
    const now = new Date();
    return this.pipelines.board(id, businessToday(query.tz, now), now, query.ownerId);
  }
}
