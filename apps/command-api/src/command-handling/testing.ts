import { type CommandMeta } from '#commands';

/** A command's meta as an admin's request at `now` carries it, without an Idempotency-Key. */
export const adminMeta =
  (now: string) =>
  (commandId: string): CommandMeta => ({
    commandId,
    actorId: 'admin',
    correlationId: commandId,
    causationId: commandId,
    now,
    idempotent: false,
  });
