import { randomUUID } from 'node:crypto';
import { problem } from '#platform';
import { deterministicId } from './deterministic-id';

/** What every command carries besides its body: who, when, which command, and preconditions. */
export type CommandMeta = {
  commandId: string;
  actorId: string;
  correlationId: string;
  causationId: string;
  now: string;
  /** From `If-Match`: the revision the client last saw; a mismatch is 412. */
  expectedRevision?: number;
  /**
   * The stream `expectedRevision` concerns, for a command that writes more than one (set by
   * `AggregateRepository.pin`); unset, it concerns every stream the command writes.
   */
  expectedStream?: string;
  /** True when the client sent an Idempotency-Key: ids derive from the command id. */
  idempotent: boolean;
};

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const token = /^[\w.:@-]{1,128}$/;

/**
 * Builds the command metadata from the authenticated actor and the request headers. A retry
 * with the same Idempotency-Key from the same actor on the same route gets the same command
 * id, and so the same event ids.
 */
export const commandMeta = (
  headers: Headers,
  actorId: string,
  route: string,
  now: Date,
): CommandMeta => {
  const key = header(headers, 'idempotency-key');
  if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key))
    throw problem(
      400,
      'invalid-idempotency-key',
      'Invalid Idempotency-Key',
      'Use 1–200 visible ASCII characters',
    );
  const ifMatch = header(headers, 'if-match');
  let expectedRevision: number | undefined;
  if (ifMatch !== undefined) {
    const m = /^(?:W\/)?"?(-?\d{1,15})"?$/.exec(ifMatch.trim());
    if (!m)
      throw problem(
        400,
        'invalid-if-match',
        'Invalid If-Match',
        'Send the ETag of the resource, e.g. "3"',
      );
    expectedRevision = Number(m[1]);
  }
  const correlation = header(headers, 'x-correlation-id');
  const commandId = key ? deterministicId(`${actorId}\n${route}\n${key}`) : randomUUID();
  return {
    commandId,
    actorId,
    correlationId: correlation && token.test(correlation) ? correlation : commandId,
    causationId: commandId,
    now: now.toISOString(),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    idempotent: key !== undefined,
  };
};

/**
 * The metadata of what the service does by itself (send, remind, mail a campaign): with a
 * `key`, the command id derives from it, so doing the same thing again is a replay.
 */
export const systemMeta = (actorId: string, key?: string): CommandMeta => {
  const commandId = key ? deterministicId(key) : randomUUID();
  return {
    commandId,
    actorId,
    correlationId: commandId,
    causationId: commandId,
    now: new Date().toISOString(),
    idempotent: key !== undefined,
  };
};

/** A new aggregate id: the client's, or derived from the command so a retry creates nothing new. */
export const newId = (meta: CommandMeta, purpose: string, supplied?: string): string =>
  supplied ?? (meta.idempotent ? deterministicId(`${meta.commandId}\n${purpose}`) : randomUUID());
