import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { metricsContentType, metricsText } from './metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  @ApiOperation({
    summary: 'Prometheus metrics of this process',
    description:
      'prom-client text format: HTTP latency histograms per route, command outcomes, append time, worker errors and what the process adds (projection lag, backlogs), with Node’s own.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Get()
  @Header('content-type', metricsContentType)
  metrics(): Promise<string> {
    return metricsText();
  }
}
