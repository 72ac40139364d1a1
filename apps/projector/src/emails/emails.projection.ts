import { ERASED } from '#events';
import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** The outbox: each message's state, for the sender to find what is due and for people to see. */
export const emailsProjection: Projection = {
  name: projections.emails,
  indexes: [
    [collections.emails, ['status', 'dueAt']],
    [collections.emails, ['customerId', 'queuedAt']],
    [collections.emails, ['messageId']],
    [collections.emails, ['queuedAt']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      const email = (id: string, update: Parameters<typeof upsert>[3]) =>
        upsert(stored, collections.emails, id, update);
      switch (event.type) {
        case 'EmailQueued': {
          const d = event.data;
          return email(d.emailId, {
            $set: {
              customerId: d.customerId ?? null,
              status: 'queued',
              attempts: 0,
              dueAt: d.queuedAt,
              attemptedAt: null,
              invoiceId: d.invoiceId ?? null,
              campaignId: d.campaignId ?? null,
              attachments: d.attachments.length,
              queuedAt: d.queuedAt,
              sentAt: null,
              messageId: null,
              failedAt: null,
              lastError: null,
              hasError: false,
            },
          });
        }
        case 'EmailSendAttempted':
          return email(event.data.emailId, {
            $set: {
              status: 'sending',
              attempts: event.data.attempt,
              dueAt: null,
              attemptedAt: event.data.attemptedAt,
            },
          });
        case 'EmailSent':
          return email(event.data.emailId, {
            $set: { status: 'sent', sentAt: event.data.sentAt, messageId: event.data.messageId },
          });
        case 'EmailFailed': {
          const d = event.data;
          return email(d.emailId, {
            $set: {
              status: d.retryAt ? 'queued' : 'failed',
              dueAt: d.retryAt ?? null,
              failedAt: d.failedAt,
              lastError: d.error,
              hasError: true,
            },
          });
        }
        case 'CustomerPersonalDataErased':
          // A server's refusal often quotes the address.
          return [
            {
              kind: 'setWhere',
              collection: collections.emails,
              where: { customerId: event.data.customerId, hasError: true },
              set: { lastError: ERASED },
            },
          ];
        default:
          return [];
      }
    }),
};
