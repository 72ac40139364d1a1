import { DomainError, emailDecider } from '#domain';
import { type EmailQueued, MAILER } from '#events';
import { type AggregateRepository } from './aggregate-repository';
import { systemMeta } from './command-meta';
import { deterministicId } from './deterministic-id';

type Message = Omit<EmailQueued['data'], 'emailId' | 'queuedAt'>;

/**
 * A message the service sends by itself (a reminder, a campaign's), named by `key`: its id
 * and command derive from the key, so queuing it again — after a restart, or from another
 * process — finds it queued. True when this call queued it.
 */
export const queueOnce = async (
  repository: AggregateRepository,
  key: string,
  message: Omit<Message, 'attachments'>,
): Promise<boolean> => {
  const emailId = deterministicId(key);
  const meta = systemMeta(MAILER, `${key}\nqueue`);
  try {
    const r = await repository.execute(`email-${emailId}`, emailDecider, meta, (state) =>
      emailDecider.decide(
        { type: 'QueueEmail', emailId, ...message, attachments: [], now: meta.now },
        state,
      ),
    );
    return !r.replayed && r.appended > 0;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
};
