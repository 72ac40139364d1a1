import { type Event } from '../envelope';

/** A file generated from the record when the message is sent (not stored with it). */
export type EmailAttachment = { kind: 'invoice-pdf'; invoiceId: string; filename: string };

/**
 * A message in the outbox until the sender delivers it: to a customer, or to staff (a
 * reminder about a customer's activity keeps its `customerId`; a daily digest has none).
 */
export type EmailQueued = Event<
  'EmailQueued',
  {
    emailId: string;
    customerId?: string;
    to: string[];
    subject: string;
    text: string;
    attachments: EmailAttachment[];
    /** The invoice the message sends, recorded as sent by e-mail once it is delivered. */
    invoiceId?: string;
    /** The campaign the message is part of. */
    campaignId?: string;
    /** Where the recipient stops such messages (a List-Unsubscribe header). */
    unsubscribeUrl?: string;
    queuedAt: string;
  }
>;

/**
 * The sender took the message for one delivery attempt, before contacting the mail server:
 * an attempt that never records its outcome is not repeated (the message may have gone).
 */
export type EmailSendAttempted = Event<
  'EmailSendAttempted',
  { emailId: string; customerId?: string; attempt: number; attemptedAt: string }
>;

export type EmailSent = Event<
  'EmailSent',
  {
    emailId: string;
    customerId?: string;
    attempt: number;
    /** The Message-ID the message carried. */
    messageId: string;
    /** What the server answered, e.g. `250 2.0.0 Ok: queued`. */
    response: string;
    sentAt: string;
  }
>;

/** An attempt failed; `retryAt` when another will be made, none when the message is given up. */
export type EmailFailed = Event<
  'EmailFailed',
  {
    emailId: string;
    customerId?: string;
    attempt: number;
    error: string;
    permanent: boolean;
    retryAt?: string;
    failedAt: string;
  }
>;

export type EmailEvent = EmailQueued | EmailSendAttempted | EmailSent | EmailFailed;
