import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { problem } from '#platform';
import {
  NotProjectingError,
  ProjectionRunner,
  type RunnerStatus,
} from '../runner/projection-runner';

export class RebuildDto {
  @ApiPropertyOptional({ description: 'projection names; all when absent', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  projections?: string[];
}

@ApiTags('status')
@Controller()
export class StatusController {
  constructor(private readonly runner: ProjectionRunner) {}

  @Get('status')
  status(): Promise<RunnerStatus> {
    return this.runner.status();
  }

  /**
   * Rebuilds projections from the log into copies of their collections beside the live ones;
   * each copy replaces its live collections once caught up. Progress is in `/status`.
   */
  @Post('rebuild')
  @HttpCode(202)
  async rebuild(@Body() body: RebuildDto) {
    try {
      return { rebuilding: await this.runner.rebuild(body.projections ?? []) };
    } catch (error) {
      if (error instanceof NotProjectingError)
        throw problem(409, 'not-projecting', 'Conflict', error.message);
      throw problem(400, 'unknown-projection', 'Invalid input', (error as Error).message);
    }
  }
}
