import { createTransport, type Transporter } from 'nodemailer';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from './mail.port';
import { classify, type SmtpError, smtpOptions } from './smtp-policy';

/** The mail port over SMTP with nodemailer (STARTTLS when offered, `smtps://` for TLS). */
export class NodemailerTransport implements MailTransport {
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    this.transport = createTransport(smtpOptions(smtpUrl));
  }

  async send(mail: OutgoingMail): Promise<{ response: string }> {
    try {
      const info = (await this.transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        attachments: mail.attachments,
        ...(mail.unsubscribeUrl
          ? {
              headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
              list: { unsubscribe: mail.unsubscribeUrl },
            }
          : {}),
      })) as { response: string };
      return { response: info.response };
    } catch (error) {
      const e = error as SmtpError;
      throw new MailDeliveryError(e.message, classify(e));
    }
  }

  close(): void {
    this.transport.close();
  }
}
