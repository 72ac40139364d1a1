import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DomainError, emailDecider, invoiceDecider } from '#domain';
import { ERASED, type EmailQueued, MAILER } from '#events';
import { type MailConfig, logFailure, Poller, readConfig, scrapedGauge } from '#platform';
import { documentSettings, type DocumentSettings, renderInvoicePdf } from '#documents';
import { MAIL_TRANSPORT, MailDeliveryError, type MailTransport } from './mail.port';
import { retryDelay } from './smtp-policy';
import { DutyLeases } from '../stores.module';
import { AggregateRepository, type CommandMeta, systemMeta } from '#commands';
import { WorkerReads } from '../worker-reads';

/**
 * Delivers the outbox through SMTP. Each attempt is first recorded (EmailSendAttempted, with
 * the revision it read: of two senders only one takes a message), then the outcome (EmailSent
 * or EmailFailed with the next attempt's time). An attempt whose outcome was never recorded —
 * the process died while sending — is not repeated after a restart: it is recorded as failed,
 * the message may have gone. So no message is sent twice. An invoice sent this way is
 * recorded as sent by e-mail.
 */
@Injectable()
export class EmailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly config: MailConfig;
  private readonly documents: DocumentSettings;
  private readonly poller: Poller;

  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: WorkerReads,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
    leases: DutyLeases,
  ) {
    const config = readConfig();
    this.config = config.mail;
    this.documents = documentSettings(config);
    this.poller = new Poller(
      'email-sender',
      () => this.deliverDue(),
      this.config.pollMs,
      logFailure('email-sender'),
      leases.for('email-sender'),
    );
  }

  onApplicationBootstrap(): void {
    scrapedGauge(
      'kroonika_outbox_emails',
      'E-mails waiting in the outbox, by status (queued: not yet sent; sending: under way).',
      ['status'],
      async () =>
        Promise.all(
          (['queued', 'sending'] as const).map(async (status) => ({
            labels: { status },
            value: await this.reads.outboxCount(status),
          })),
        ),
    );
    if (!this.transport) return;
    this.poller.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.poller.stop();
    this.transport?.close();
  }

  /** One round: give up attempts left running by a stopped process, then send what is due. */
  async deliverDue(): Promise<void> {
    const now = new Date();
    const stale = await this.reads.interruptedSends(
      new Date(now.getTime() - this.config.staleMs).toISOString(),
      50,
    );
    for (const email of stale)
      await this.record(email._id, {
        type: 'RecordEmailFailure',
        emailId: email._id,
        error: `attempt ${email.attempts} was interrupted before its outcome was known; not repeated, it may have been delivered`,
        permanent: true,
        now: now.toISOString(),
      });
    const due = await this.reads.dueEmails(now.toISOString(), 20);
    for (const email of due) {
      if (this.poller.stopping) return;
      await this.attempt(email._id);
    }
  }

  /**
   * Each step is a new command (never a replay of another sender's): of two senders taking
   * one message, the second decides against the first one's attempt and is refused.
   */
  private meta(correlationId: string): CommandMeta {
    return { ...systemMeta(MAILER), correlationId };
  }

  /** Records a step of the message's life; a step another sender already took is skipped. */
  private async record(
    emailId: string,
    command: Parameters<typeof emailDecider.decide>[0],
  ): Promise<boolean> {
    try {
      await this.repository.execute(`email-${emailId}`, emailDecider, this.meta(emailId), (state) =>
        emailDecider.decide(command, state),
      );
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  }

  private async attempt(emailId: string): Promise<void> {
    const loaded = await this.repository.load(`email-${emailId}`, emailDecider);
    if (loaded.state.status !== 'queued') return;
    const attempt = loaded.state.attempts + 1;
    const now = new Date().toISOString();
    const taken = await this.record(emailId, { type: 'StartEmailAttempt', emailId, now });
    if (!taken) return;
    const fail = (error: string, permanent: boolean) =>
      this.record(emailId, {
        type: 'RecordEmailFailure',
        emailId,
        error,
        permanent: permanent || attempt >= this.config.maxAttempts,
        retryAt: new Date(Date.now() + retryDelay(attempt, this.config.retryBaseMs)).toISOString(),
        now: new Date().toISOString(),
      });
    // The message as queued: the outbox state leaves the content out.
    const queued = (await this.repository.events(`email-${emailId}`)).find(
      (e) => e.type === 'EmailQueued',
    );
    const message = queued?.data as EmailQueued['data'] | undefined;
    // An erased message has no addresses left (they were personal data).
    const to: unknown = message?.to;
    if (!message || message.subject === ERASED || !Array.isArray(to) || to.length === 0) {
      await fail("the message's personal data was erased before it was sent", true);
      return;
    }
    let attachments: { filename: string; content: Buffer; contentType: string }[];
    try {
      attachments = await Promise.all(
        message.attachments.map((a) => this.render(a.invoiceId, a.filename)),
      );
    } catch (error) {
      await fail(`the attachment could not be made: ${(error as Error).message}`, false);
      return;
    }
    let response: string;
    try {
      ({ response } = await this.transport!.send({
        from: this.config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${emailId}@kroonika>`,
        attachments,
        ...(message.unsubscribeUrl ? { unsubscribeUrl: message.unsubscribeUrl } : {}),
      }));
    } catch (error) {
      if (!(error instanceof MailDeliveryError)) throw error;
      await fail(
        error.kind === 'uncertain'
          ? `the connection was lost while the message was being sent (${error.message}); not repeated, it may have been delivered`
          : error.message,
        error.kind !== 'temporary',
      );
      return;
    }
    await this.record(emailId, {
      type: 'RecordEmailSent',
      emailId,
      messageId: `<${emailId}@kroonika>`,
      response,
      now: new Date().toISOString(),
    });
    if (message.invoiceId) await this.invoiceSent(message.invoiceId, message.to, emailId);
  }

  private async invoiceSent(invoiceId: string, to: string[], emailId: string) {
    try {
      await this.repository.execute(
        `invoice-${invoiceId}`,
        invoiceDecider,
        this.meta(emailId),
        (state) =>
          invoiceDecider.decide(
            {
              type: 'SendInvoice',
              invoiceId,
              channel: 'email',
              recipient: to.join(', '),
              now: new Date().toISOString(),
            },
            state,
          ),
      );
    } catch (error) {
      // A void invoice stays void; the message went, and its timeline entry says so.
      if (!(error instanceof DomainError)) throw error;
    }
  }

  /** The invoice's PDF, the same document GET /invoices/{id}/pdf serves. */
  private async render(invoiceId: string, filename: string) {
    const document = await this.reads.invoiceDocument(invoiceId, this.documents);
    if (!document) throw new Error(`invoice ${invoiceId} is not in the read model yet`);
    return { filename, content: await renderInvoicePdf(document), contentType: 'application/pdf' };
  }
}
