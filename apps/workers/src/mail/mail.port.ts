/** A message as the mail port hands it to the mail server. */
export type OutgoingMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The Message-ID header, `<id@host>`. */
  messageId: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
  /** A campaign message's one-click unsubscribe link (RFC 8058). */
  unsubscribeUrl?: string;
};

/**
 * How a failed attempt is taken: `temporary` is tried again later, `permanent` is given up,
 * `uncertain` (the connection was lost while the message itself was being sent) is not
 * repeated because it may have been delivered.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: 'temporary' | 'permanent' | 'uncertain',
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** The mail server as the e-mail sender sees it. */
export type MailTransport = {
  /** Hands the message over; answers the server's response, or throws MailDeliveryError. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
};

/** The configured transport, or null when no SMTP server is configured (messages wait). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
