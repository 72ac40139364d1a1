import { type Event } from '../envelope';

/**
 * A file that came with an incoming message, kept in the blob store by its SHA-256; `head` is
 * its first bytes (base64), what a document's type is checked against.
 */
export type InboundAttachment = {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  head: string;
};

/** The message our own outbox sent that an incoming one answers (In-Reply-To, References). */
export type RepliedEmail = { emailId: string; campaignId?: string };

/** What an incoming message says, as the inbound SMTP endpoint received it. */
export type InboundContent = {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  /** The Date header, or when it arrived. */
  sentAt: string;
  attachments: InboundAttachment[];
};

/**
 * A message sent or forwarded to the CRM's address. When customers were found by its
 * addresses it is logged on each one's timeline (InteractionLogged, kind `email`) and this
 * record keeps only that; from an unknown sender it is held for review with its content,
 * sealed with a key of its own that is destroyed once it is assigned or dismissed.
 */
export type InboundEmailReceived = Event<
  'InboundEmailReceived',
  {
    inboundEmailId: string;
    /** The Message-ID header (or, without one, the message's SHA-256). */
    messageId: string;
    status: 'logged' | 'review';
    /** The customers it was logged on (none: held for review). */
    customerIds: string[];
    content?: InboundContent;
    inReplyTo?: RepliedEmail;
    receivedAt: string;
  }
>;

/** A held message assigned to a customer by hand: logged on that customer's timeline. */
export type InboundEmailAssigned = Event<
  'InboundEmailAssigned',
  { inboundEmailId: string; customerId: string; activityId: string; assignedAt: string }
>;

/** A held message dismissed (spam, or nothing for the CRM): its content is destroyed. */
export type InboundEmailDismissed = Event<
  'InboundEmailDismissed',
  { inboundEmailId: string; reason?: string; dismissedAt: string }
>;

export type InboundEmailEvent = InboundEmailReceived | InboundEmailAssigned | InboundEmailDismissed;
