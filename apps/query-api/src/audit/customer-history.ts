import { stringify } from 'csv-stringify/sync';
import { randomUUID } from 'node:crypto';
import { type EventStore, type ReadOptions, type StoredEvent } from '#event-store';
import { type AuditRead, type AuditReadKind, currentSchemaVersion } from '#events';
import { type AuditStreamDoc, collections } from '#read-models';
import { findAll, type ReadStore } from '#read-store';

/** An event as the auditor sees it: as stored, with everything its envelope records. */
export const auditEntry = (e: StoredEvent) => ({
  position: e.position,
  streamId: e.streamId,
  revision: e.revision,
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.metadata.schemaVersion,
  occurredAt: e.metadata.occurredAt,
  actorId: e.metadata.actorId,
  commandId: e.metadata.commandId,
  correlationId: e.metadata.correlationId,
  causationId: e.metadata.causationId,
  previousHash: e.metadata.previousHash ?? null,
  /** Personal fields that read as erased (their key was destroyed). */
  erasedFields: e.erased ?? [],
  data: e.data,
});

export type AuditEntry = ReturnType<typeof auditEntry>;

/** Streams of one customer's things: all their events concern it (a lead's before it converted too). */
const owned = /^(customer|lead|deal|invoice|activity|ticket|document)-/;

/** Whether an event concerns the customer, by its envelope or its payload. */
export const concerns = (e: StoredEvent, customerId: string) =>
  e.type !== 'AuditRead' &&
  (e.metadata.customerId === customerId ||
    (e.data as { customerId?: unknown } | null)?.customerId === customerId);

/** The streams the audit index knows for the customer, in the order they began. */
export const streamsOf = async (reads: ReadStore, customerId: string) =>
  (
    await findAll<AuditStreamDoc>(reads, collections.auditStreams, { customerId }, [
      ['firstPosition', 1],
    ])
  ).map((d) => d.streamId);

/** Every event of those streams concerning the customer, in global order. */
export const historyOf = async (
  events: EventStore,
  streams: string[],
  customerId: string,
  options: ReadOptions,
): Promise<StoredEvent[]> =>
  (await Promise.all(streams.map((s) => events.readStream(s, 0, options))))
    .flat()
    .filter((e) => owned.test(e.streamId) || e.metadata.customerId === customerId)
    .sort((a, b) => a.position - b.position);

export const csvColumns = [
  'position',
  'occurredAt',
  'streamId',
  'revision',
  'type',
  'schemaVersion',
  'actorId',
  'commandId',
  'correlationId',
  'causationId',
  'eventId',
  'previousHash',
  'erasedFields',
  'data',
] as const;

/**
 * One CSV line by csv-stringify (RFC 4180 quoting, a cell with a line break quoted, one a
 * spreadsheet would run as a formula kept as text), without its line break; the payload and the
 * erased fields as JSON, an absent value empty.
 */
export const csvLine = (entry: AuditEntry) =>
  stringify([csvColumns.map((column) => entry[column])], {
    eof: false,
    quoted_match: /[\r\n]/,
    escape_formulas: true,
  });

export type ReadDetails = {
  subjectCustomerId?: string;
  streamId?: string;
  query?: string;
};

/** Appends an AuditRead to the reader's own audit stream; the read is answered only after. */
export const recordRead = async (
  events: EventStore,
  staffId: string,
  kind: AuditReadKind,
  details: ReadDetails,
): Promise<void> => {
  const readId = randomUUID();
  const event: AuditRead = {
    type: 'AuditRead',
    data: { readId, staffId, kind, ...details, readAt: new Date().toISOString() },
  };
  await events.append(
    `audit-${staffId}`,
    [
      {
        eventId: readId,
        type: event.type,
        data: event.data,
        metadata: {
          eventId: readId,
          schemaVersion: currentSchemaVersion.AuditRead,
          occurredAt: event.data.readAt,
          actorId: staffId,
          commandId: readId,
          correlationId: readId,
          causationId: readId,
        },
      },
    ],
    'any',
  );
};
