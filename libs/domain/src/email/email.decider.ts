import { type EmailEvent, type EmailQueued } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed';

export type EmailState =
  | { status: 'none' }
  | {
      status: EmailStatus;
      emailId: string;
      customerId: string | null;
      attempts: number;
      invoiceId: string | null;
      /** When the next attempt is due (queued only). */
      dueAt: string | null;
    };

export type QueueEmail = { type: 'QueueEmail'; now: string } & Omit<
  EmailQueued['data'],
  'queuedAt'
>;
export type StartEmailAttempt = { type: 'StartEmailAttempt'; emailId: string; now: string };
export type RecordEmailSent = {
  type: 'RecordEmailSent';
  emailId: string;
  messageId: string;
  response: string;
  now: string;
};
export type RecordEmailFailure = {
  type: 'RecordEmailFailure';
  emailId: string;
  error: string;
  permanent: boolean;
  retryAt?: string;
  now: string;
};
export type EmailCommand = QueueEmail | StartEmailAttempt | RecordEmailSent | RecordEmailFailure;

const existing = (state: EmailState, emailId: string) => {
  if (state.status === 'none') throw notFound('email', emailId);
  return state;
};

const decide = (command: EmailCommand, state: EmailState): EmailEvent[] => {
  switch (command.type) {
    case 'QueueEmail': {
      if (state.status !== 'none') throw alreadyExists('email', command.emailId);
      if (command.to.length === 0)
        throw violated('no-recipient', 'The message has no address to go to');
      if (command.subject.trim() === '')
        throw violated('subject-required', 'A message needs a subject');
      const { type: _t, now, invoiceId, customerId, ...data } = command;
      return [
        {
          type: 'EmailQueued',
          data: {
            ...(customerId ? { customerId } : {}),
            ...data,
            ...(invoiceId ? { invoiceId } : {}),
            queuedAt: now,
          },
        },
      ];
    }
    case 'StartEmailAttempt': {
      const email = existing(state, command.emailId);
      // Only a queued message that is due: never a second attempt beside a running one.
      if (email.status !== 'queued')
        throw violated('email-not-queued', `A ${email.status} message is not sent again`);
      if (email.dueAt && email.dueAt > command.now)
        throw violated('email-not-due', `The next attempt is due at ${email.dueAt}`);
      return [
        {
          type: 'EmailSendAttempted',
          data: {
            emailId: email.emailId,
            ...(email.customerId ? { customerId: email.customerId } : {}),
            attempt: email.attempts + 1,
            attemptedAt: command.now,
          },
        },
      ];
    }
    case 'RecordEmailSent': {
      const email = existing(state, command.emailId);
      if (email.status !== 'sending')
        throw violated('email-not-sending', 'Only a message being sent can be recorded sent');
      return [
        {
          type: 'EmailSent',
          data: {
            emailId: email.emailId,
            ...(email.customerId ? { customerId: email.customerId } : {}),
            attempt: email.attempts,
            messageId: command.messageId,
            response: command.response,
            sentAt: command.now,
          },
        },
      ];
    }
    case 'RecordEmailFailure': {
      const email = existing(state, command.emailId);
      if (email.status !== 'sending')
        throw violated('email-not-sending', 'Only a message being sent can fail');
      const retry = !command.permanent && command.retryAt;
      return [
        {
          type: 'EmailFailed',
          data: {
            emailId: email.emailId,
            ...(email.customerId ? { customerId: email.customerId } : {}),
            attempt: email.attempts,
            error: command.error,
            permanent: !retry,
            ...(retry ? { retryAt: command.retryAt } : {}),
            failedAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: EmailState, event: EmailEvent): EmailState => {
  if (event.type === 'EmailQueued')
    return {
      status: 'queued',
      emailId: event.data.emailId,
      customerId: event.data.customerId ?? null,
      attempts: 0,
      invoiceId: event.data.invoiceId ?? null,
      dueAt: event.data.queuedAt,
    };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'EmailSendAttempted':
      return { ...state, status: 'sending', attempts: event.data.attempt, dueAt: null };
    case 'EmailSent':
      return { ...state, status: 'sent' };
    case 'EmailFailed':
      return event.data.retryAt
        ? { ...state, status: 'queued', dueAt: event.data.retryAt }
        : { ...state, status: 'failed' };
    default:
      return unreachable(event);
  }
};

/** The outbox life of one message: queued → sending → sent, or failed, retried when due. */
export const emailDecider: Decider<EmailCommand, EmailEvent, EmailState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
