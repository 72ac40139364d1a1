import { type EmailEvent } from '#events';
import { specFor } from '../testing';
import { emailDecider, type QueueEmail } from './email.decider';

const now = '2026-03-01T09:00:00.000Z';
const later = '2026-03-01T09:05:00.000Z';
const queue: QueueEmail = {
  type: 'QueueEmail',
  emailId: 'm1',
  customerId: 'c1',
  to: ['mari@maasikas.ee'],
  subject: 'Invoice 2026-000001',
  text: 'Please find the invoice attached.',
  attachments: [{ kind: 'invoice-pdf', invoiceId: 'i1', filename: 'invoice-2026-000001.pdf' }],
  invoiceId: 'i1',
  now,
};
const queued: EmailEvent = {
  type: 'EmailQueued',
  data: {
    emailId: 'm1',
    customerId: 'c1',
    to: ['mari@maasikas.ee'],
    subject: 'Invoice 2026-000001',
    text: 'Please find the invoice attached.',
    attachments: [{ kind: 'invoice-pdf', invoiceId: 'i1', filename: 'invoice-2026-000001.pdf' }],
    invoiceId: 'i1',
    queuedAt: now,
  },
};
const attempted = (attempt: number, at = now): EmailEvent => ({
  type: 'EmailSendAttempted',
  data: { emailId: 'm1', customerId: 'c1', attempt, attemptedAt: at },
});
const spec = specFor(emailDecider);

describe('E-mail outbox', () => {
  it('queues a message with a recipient and a subject', () => {
    spec([]).when(queue).then([queued]);
    spec([])
      .when({ ...queue, to: [] })
      .thenRejectedWith('no-recipient');
    spec([])
      .when({ ...queue, subject: ' ' })
      .thenRejectedWith('subject-required');
    spec([queued]).when(queue).thenRejectedWith('email-exists');
  });

  it('takes a queued message for one attempt at a time, never beside a running one', () => {
    spec([queued])
      .when({ type: 'StartEmailAttempt', emailId: 'm1', now })
      .then([attempted(1)]);
    spec([queued, attempted(1)])
      .when({ type: 'StartEmailAttempt', emailId: 'm1', now })
      .thenRejectedWith('email-not-queued');
  });

  it('records a delivery once, and no attempt after it', () => {
    const sent: EmailEvent = {
      type: 'EmailSent',
      data: {
        emailId: 'm1',
        customerId: 'c1',
        attempt: 1,
        messageId: '<m1@kroonika>',
        response: '250 OK',
        sentAt: now,
      },
    };
    spec([queued, attempted(1)])
      .when({
        type: 'RecordEmailSent',
        emailId: 'm1',
        messageId: '<m1@kroonika>',
        response: '250 OK',
        now,
      })
      .then([sent]);
    spec([queued, attempted(1), sent])
      .when({ type: 'StartEmailAttempt', emailId: 'm1', now })
      .thenRejectedWith('email-not-queued');
    spec([queued])
      .when({ type: 'RecordEmailSent', emailId: 'm1', messageId: 'x', response: 'x', now })
      .thenRejectedWith('email-not-sending');
  });

  it('retries a temporary failure when it is due, and gives up a permanent one', () => {
    const failed: EmailEvent = {
      type: 'EmailFailed',
      data: {
        emailId: 'm1',
        customerId: 'c1',
        attempt: 1,
        error: '451 try again later',
        permanent: false,
        retryAt: later,
        failedAt: now,
      },
    };
    spec([queued, attempted(1)])
      .when({
        type: 'RecordEmailFailure',
        emailId: 'm1',
        error: '451 try again later',
        permanent: false,
        retryAt: later,
        now,
      })
      .then([failed]);
    spec([queued, attempted(1), failed])
      .when({ type: 'StartEmailAttempt', emailId: 'm1', now })
      .thenRejectedWith('email-not-due');
    spec([queued, attempted(1), failed])
      .when({ type: 'StartEmailAttempt', emailId: 'm1', now: later })
      .then([attempted(2, later)]);
    spec([queued, attempted(1)])
      .when({
        type: 'RecordEmailFailure',
        emailId: 'm1',
        error: '550 no such user',
        permanent: true,
        now,
      })
      .then([
        {
          type: 'EmailFailed',
          data: {
            emailId: 'm1',
            customerId: 'c1',
            attempt: 1,
            error: '550 no such user',
            permanent: true,
            failedAt: now,
          },
        },
      ]);
  });
});
