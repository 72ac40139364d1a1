import { Logger } from '@nestjs/common';

/** Logs a failed round of a background duty (through pino in the apps), with its stack. */
export const logFailure =
  (duty: string) =>
  (error: unknown): void => {
    new Logger(duty).error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  };
