import { type Event } from '../envelope';

export const auditReadKinds = [
  'customer-history',
  'customer-state',
  'customer-export',
  'stream-verify',
  'store-verify',
] as const;
export type AuditReadKind = (typeof auditReadKinds)[number];

/**
 * Someone read the record itself (a customer's history or state, a chain check): recorded
 * before the answer is given, in the reader's own audit stream, so the access trail is as
 * tamper-evident as the rest of the log.
 */
export type AuditRead = Event<
  'AuditRead',
  {
    readId: string;
    staffId: string;
    kind: AuditReadKind;
    /** The customer read about, if any (not `customerId`: the read is not part of its history). */
    subjectCustomerId?: string;
    streamId?: string;
    /** The query as asked, e.g. `asOf=2026-03-01T00:00:00Z`. */
    query?: string;
    readAt: string;
  }
>;

export type AuditEvent = AuditRead;
