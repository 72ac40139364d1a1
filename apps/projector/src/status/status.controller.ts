import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { problem } from '#platform';
import { ProjectionRunner, type RunnerStatus } from '../runner/projection-runner';

const metrics = (s: RunnerStatus): string =>
  [
    '# HELP kroonika_projector_checkpoint Last global position applied by a projection.',
    '# TYPE kroonika_projector_checkpoint gauge',
    ...s.projections.map(
      (p) => `kroonika_projector_checkpoint{projection="${p.name}"} ${p.checkpoint}`,
    ),
    '# HELP kroonika_event_store_head_position Global position of the newest event.',
    '# TYPE kroonika_event_store_head_position gauge',
    `kroonika_event_store_head_position ${s.headPosition}`,
    '# HELP kroonika_projector_lag_events Events not yet projected (counted up to 10000).',
    '# TYPE kroonika_projector_lag_events gauge',
    `kroonika_projector_lag_events ${s.lagEvents}`,
    '# HELP kroonika_projector_lag_seconds Age of the oldest event not yet projected.',
    '# TYPE kroonika_projector_lag_seconds gauge',
    `kroonika_projector_lag_seconds ${s.lagSeconds}`,
    '# HELP kroonika_projector_events_total Events projected since start.',
    '# TYPE kroonika_projector_events_total counter',
    `kroonika_projector_events_total ${s.eventsProcessed}`,
    '',
  ].join('\n');

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
      throw problem(400, 'unknown-projection', 'Invalid input', (error as Error).message);
    }
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    return metrics(await this.runner.status());
  }
}
