import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { problem } from '../problem';

/** A dependency readiness waits for: a name and a check that throws when it is not usable. */
export type ReadinessCheck = {
  name: string;
  check: () => Promise<Record<string, unknown> | undefined>;
};

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

const healthSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    info: { type: 'object', additionalProperties: true },
    details: { type: 'object', additionalProperties: true },
  },
};

/**
 * Liveness and readiness by @nestjs/terminus. `/health` (and `/health/live`) says the process
 * answers — what a restart policy asks; the command API's is also the benchmark's no-op route.
 * `/health/ready` checks what the process needs to serve (its stores, and for the query API
 * the projector's lag where configured) and answers 503 as problem+json naming what failed.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: healthSchema })
  @Get()
  live() {
    return { status: 'ok' };
  }

  @ApiOperation({ summary: 'Liveness: the process answers (the same as /health)' })
  @ApiOkResponse({ schema: healthSchema })
  @Get('live')
  alive() {
    return this.health.check([]);
  }

  @ApiOperation({
    summary: 'Readiness: the stores (and the projector, where configured) answer',
    description:
      'Answers 503 with the failed checks under `checks` while the process cannot serve.',
  })
  @ApiOkResponse({ schema: healthSchema })
  @Get('ready')
  async ready() {
    try {
      return await this.health.check(
        this.checks.map(
          ({ name, check }) =>
            () =>
              this.indicators
                .check(name)
                .attempt(async () => (await check()) ?? {})
                .withTimeout(3000),
        ),
      );
    } catch (error) {
      const answer = (error as { getResponse?: () => unknown }).getResponse?.();
      throw problem(
        503,
        'not-ready',
        'Service unavailable',
        'A dependency the service needs does not answer',
        { checks: (answer as { error?: unknown } | undefined)?.error ?? {} },
        { 'retry-after': '5' },
      );
    }
  }
}

/** Readiness of the stores: the event log answers its head, the read store its checkpoints. */
export const storeReadiness = (
  events: { headPosition(): Promise<number> },
  reads?: { checkpoints(): Promise<unknown[]> },
): ReadinessCheck[] => [
  { name: 'event-store', check: async () => ({ headPosition: await events.headPosition() }) },
  ...(reads
    ? [
        {
          name: 'read-store',
          check: async () => {
            await reads.checkpoints();
            return undefined;
          },
        },
      ]
    : []),
];

/** Readiness of a reader of read models: the projector answers and is not too far behind. */
export const projectorReadiness = (statusUrl: string, maxLagSeconds: number): ReadinessCheck => ({
  name: 'projector',
  check: async () => {
    const response = await fetch(statusUrl, { signal: AbortSignal.timeout(2500) });
    if (!response.ok) throw new Error(`${statusUrl} answered ${response.status}`);
    const { lagSeconds } = (await response.json()) as { lagSeconds: number };
    if (lagSeconds > maxLagSeconds)
      throw new Error(`the projector is ${lagSeconds} s behind (at most ${maxLagSeconds} s)`);
    return { lagSeconds };
  },
});
