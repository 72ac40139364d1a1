import {
  type CallHandler,
  type DynamicModule,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  type Provider,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { type FastifyRequest } from 'fastify';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { type Observable } from 'rxjs';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from './health';
import { loggingParams } from './logging';
import { collectProcessMetrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** Once the token is checked, every further line of the request names who acts. */
@Injectable()
class ActorOnLogLines implements NestInterceptor {
  constructor(private readonly logger: PinoLogger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const staffId = context.switchToHttp().getRequest<FastifyRequest>().principal?.staffId;
    if (staffId) this.logger.assign({ actorId: staffId });
    return next.handle();
  }
}

/** The routes every process serves for the people who run it. */
export const operationsControllers = [HealthController, MetricsController];

/** What readiness checks in an app, built from the app's own providers (its stores). */
export const readinessChecks = (
  inject: (string | symbol)[],
  useFactory: (...deps: never[]) => ReadinessCheck[],
): Provider => ({
  provide: READINESS_CHECKS,
  inject,
  useFactory: useFactory as (...deps: unknown[]) => ReadinessCheck[],
});

/**
 * What every process offers the people who run it: JSON logs (pino), Prometheus metrics
 * (prom-client) and liveness and readiness (@nestjs/terminus). An app imports it, lists
 * `operationsControllers` and provides its `readinessChecks`.
 */
export class OperationsModule {
  static forApp(app: string, logLevel: string): DynamicModule {
    collectProcessMetrics(app);
    return {
      module: OperationsModule,
      imports: [
        LoggerModule.forRoot(loggingParams(app, logLevel)),
        TerminusModule.forRoot({ logger: false }),
      ],
      exports: [TerminusModule],
      providers: [{ provide: APP_INTERCEPTOR, useClass: ActorOnLogLines }],
    };
  }
}
