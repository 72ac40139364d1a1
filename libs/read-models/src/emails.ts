/** A message in the outbox: where it stands, without its content (that is in the timeline). */
export type EmailDoc = {
  _id: string;
  /** None for staff mail that concerns no one customer (a daily digest). */
  customerId: string | null;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  /** When the next attempt is due (queued), or when the running one started (sending). */
  dueAt: string | null;
  attemptedAt: string | null;
  invoiceId: string | null;
  campaignId: string | null;
  attachments: number;
  queuedAt: string;
  sentAt: string | null;
  failedAt: string | null;
  lastError: string | null;
  hasError: boolean;
};
