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
  /** The Message-ID the mail server took it under: what replies name in In-Reply-To. */
  messageId: string | null;
  failedAt: string | null;
  lastError: string | null;
  hasError: boolean;
};

/**
 * A message received at the CRM's address (inbound SMTP). Its content is here only while it
 * is held for review; once assigned or dismissed it is gone, as its key is.
 */
export type InboundEmailDoc = {
  _id: string;
  messageId: string;
  status: 'logged' | 'review' | 'assigned' | 'dismissed';
  customerIds: string[];
  from: string | null;
  to: string[] | null;
  cc: string[] | null;
  subject: string | null;
  text: string | null;
  sentAt: string | null;
  attachments: { name: string; mediaType: string; size: number }[] | null;
  inReplyTo: { emailId: string; campaignId: string | null } | null;
  receivedAt: string;
  /** Who assigned or dismissed it, and when. */
  decidedBy: string | null;
  decidedAt: string | null;
  dismissReason: string | null;
};
