import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

/** Liveness; the command API's is also the no-op route the benchmark compares commands with. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  @ApiOperation({ summary: 'Liveness and store health' })
  @Get()
  health() {
    return { status: 'ok' };
  }
}
