import { Module } from '@nestjs/common';
import { readConfig } from '#platform';
import { EmailSender } from './email-sender';
import { MAIL_TRANSPORT, type MailTransport } from './mail.port';
import { NodemailerTransport } from './nodemailer-transport';

/** Sends the outbox through the configured SMTP server; without one, messages wait queued. */
@Module({
  providers: [
    {
      provide: MAIL_TRANSPORT,
      useFactory: (): MailTransport | null => {
        const url = readConfig().mail.smtpUrl;
        return url ? new NodemailerTransport(url) : null;
      },
    },
    EmailSender,
  ],
})
export class MailModule {}
