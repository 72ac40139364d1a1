import { type DynamicModule, type Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { type Logger } from 'pino';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from './health';
import { createProcessLogger } from './logging';
import { collectProcessMetrics } from './metrics';
import { MetricsController } from './metrics.controller';

let processLogger: Logger | undefined;

/**
 * The pino logger of this process (one app per process), made by its OperationsModule: Nest's
 * own lines go through it (nestjs-pino's LoggerService) and Fastify logs each request with it.
 */
export const theProcessLogger = (): Logger | undefined => processLogger;

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
    processLogger = createProcessLogger(app, logLevel);
    return {
      module: OperationsModule,
      imports: [
        // Nest's LoggerService over the process's logger. No middleware (`forRoutes: []`): the
        // requests are logged by Fastify itself, which costs a fraction of pino-http mounted
        // as Express-style middleware (ADR 0023 addendum).
        LoggerModule.forRoot({ pinoHttp: { logger: processLogger }, forRoutes: [] }),
        TerminusModule.forRoot({ logger: false }),
      ],
      exports: [TerminusModule],
    };
  }
}
