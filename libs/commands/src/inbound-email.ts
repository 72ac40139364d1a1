import { type CommandBus } from '@nestjs/cqrs';
import { documentDecider, DomainError } from '#domain';
import { type InboundContent, type InboundEmailRecord, type RepliedEmail } from '#events';
import { ActivityCommandMessage } from './activities';
import { type AggregateRepository } from './aggregate-repository';
import { type CommandMeta } from './command-meta';
import { type CommandResult } from './command-result';
import { deterministicId } from './deterministic-id';

/** The actor of what the inbound SMTP endpoint records. */
export const INBOUND_MAIL = 'inbound-mail';

/** An incoming message as it is logged: its id, headers that tie it to others, content. */
export type InboundMessage = {
  inboundEmailId: string;
  messageId: string;
  content: InboundContent;
  inReplyTo?: RepliedEmail;
};

/** The customer a message is logged on, who at the customer it involves, and for whom. */
export type InboundParty = { customerId: string; contactIds: string[]; staffId: string };

const step = (meta: CommandMeta, key: string): CommandMeta => ({
  ...meta,
  commandId: deterministicId(`${meta.commandId}\n${key}`),
});

/**
 * Logs an incoming message on one customer: its attachments become the customer's documents
 * (those documents accept; the others are named as not kept), then it is logged as an
 * interaction of kind `email`, with the contact persons it involves as participants. Every
 * id derives from the message and the customer, so doing it again — a resend, a retried
 * assignment — records nothing new. The customer is active (the caller checked).
 */
export const logInboundEmail = async (
  repository: AggregateRepository,
  commands: CommandBus,
  message: InboundMessage,
  party: InboundParty,
  meta: CommandMeta,
): Promise<CommandResult> => {
  const { inboundEmailId, content } = message;
  const { customerId } = party;
  const documentIds: string[] = [];
  const notKept: string[] = [];
  let position = 0;
  for (const [index, file] of content.attachments.entries()) {
    const documentId = deterministicId(`${inboundEmailId}\n${customerId}\nattachment\n${index}`);
    try {
      const r = await repository.execute(
        `document-${documentId}`,
        documentDecider,
        step(meta, documentId),
        (s) =>
          documentDecider.decide(
            {
              type: 'AttachDocument',
              documentId,
              customerId,
              link: { kind: 'customer', id: customerId },
              name: file.name,
              declaredType: file.mediaType,
              declaredSize: file.size,
              content: {
                sha256: file.sha256,
                size: file.size,
                head: Buffer.from(file.head, 'base64'),
              },
              now: meta.now,
            },
            s,
          ),
      );
      documentIds.push(documentId);
      position = Math.max(position, r.position);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      notKept.push(file.name);
    }
  }
  const activityId = deterministicId(`${inboundEmailId}\n${customerId}\nemail`);
  const email: InboundEmailRecord = {
    inboundEmailId,
    messageId: message.messageId,
    from: content.from,
    to: content.to,
    cc: content.cc,
    subject: content.subject,
    text: content.text,
    documentIds,
    ...(notKept.length > 0 ? { notKept } : {}),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
  };
  const r = await commands.execute(
    new ActivityCommandMessage(
      {
        type: 'LogInteraction',
        activityId,
        customerId,
        kind: 'email',
        summary: content.subject.trim() || '(no subject)',
        minutesSpent: 0,
        // A Date header from a clock ahead of ours is when it arrived.
        occurredAt: content.sentAt < meta.now ? content.sentAt : meta.now,
        staffId: party.staffId,
        ...(party.contactIds.length > 0
          ? { participants: party.contactIds.map((id) => ({ kind: 'contact' as const, id })) }
          : {}),
        email,
        now: meta.now,
      },
      step(meta, activityId),
    ),
  );
  return { ...r, position: Math.max(r.position, position) };
};
