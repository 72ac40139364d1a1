import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { deterministicId } from '#commands';
import { type Service } from './service';

/** The CRM's address in the tests' services (INBOUND_SMTP_ADDRESS). */
export const crmAddress = 'crm@kroonika.test';

/**
 * Sends a real message to the workers' inbound SMTP endpoint, as a mail server or a
 * colleague's mail client would; answers the endpoint's reply and the id the message is
 * recorded under (derived from its Message-ID).
 */
export const sendToCrm = async (service: Service, message: Mail.Options) => {
  const transport = createTransport({
    host: '127.0.0.1',
    port: service.inboundSmtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    const info = await transport.sendMail({ to: crmAddress, ...message });
    return {
      response: info.response,
      messageId: info.messageId,
      inboundEmailId: deterministicId(`inbound-email\n${info.messageId}`),
    };
  } finally {
    transport.close();
  }
};
