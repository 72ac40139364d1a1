import { type WriteOp } from '#read-store';
import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

const gone = {
  from: null,
  to: null,
  cc: null,
  subject: null,
  text: null,
  sentAt: null,
  attachments: null,
};

/** The held message's attachments are no longer held: the blob sweep may take them. */
const releaseAttachments = (inboundEmailId: string): WriteOp => ({
  kind: 'deleteWhere',
  collection: collections.inboundAttachments,
  where: { inboundEmailId },
});

/**
 * Messages received at the CRM's address: the review list (those from unknown senders, with
 * their content until assigned or dismissed) and where each one was logged. The attachments
 * of held messages are listed apart, so the blob sweep keeps their contents.
 */
export const inboundEmailsProjection: Projection = {
  name: projections.inboundEmails,
  indexes: [
    [collections.inboundEmails, ['status', 'receivedAt']],
    [collections.inboundEmails, ['receivedAt']],
    [collections.inboundAttachments, ['sha256']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'InboundEmailReceived': {
          const d = event.data;
          const c = d.content;
          return [
            ...upsert(stored, collections.inboundEmails, d.inboundEmailId, {
              $set: {
                messageId: d.messageId,
                status: d.status,
                customerIds: d.customerIds,
                ...(c
                  ? {
                      from: c.from,
                      to: c.to,
                      cc: c.cc,
                      subject: c.subject,
                      text: c.text,
                      sentAt: c.sentAt,
                      attachments: c.attachments.map(({ name, mediaType, size }) => ({
                        name,
                        mediaType,
                        size,
                      })),
                    }
                  : gone),
                inReplyTo: d.inReplyTo
                  ? { emailId: d.inReplyTo.emailId, campaignId: d.inReplyTo.campaignId ?? null }
                  : null,
                receivedAt: d.receivedAt,
                decidedBy: null,
                decidedAt: null,
                dismissReason: null,
              },
            }),
            ...(d.status === 'review' && c
              ? c.attachments.flatMap((a, i) =>
                  upsert(stored, collections.inboundAttachments, `${d.inboundEmailId}:${i}`, {
                    $set: { inboundEmailId: d.inboundEmailId, sha256: a.sha256 },
                  }),
                )
              : []),
          ];
        }
        case 'InboundEmailAssigned': {
          const d = event.data;
          return [
            ...upsert(stored, collections.inboundEmails, d.inboundEmailId, {
              $set: {
                status: 'assigned',
                customerIds: [d.customerId],
                ...gone,
                decidedBy: stored.metadata.actorId,
                decidedAt: d.assignedAt,
              },
            }),
            releaseAttachments(d.inboundEmailId),
          ];
        }
        case 'InboundEmailDismissed': {
          const d = event.data;
          return [
            ...upsert(stored, collections.inboundEmails, d.inboundEmailId, {
              $set: {
                status: 'dismissed',
                ...gone,
                decidedBy: stored.metadata.actorId,
                decidedAt: d.dismissedAt,
                dismissReason: d.reason ?? null,
              },
            }),
            releaseAttachments(d.inboundEmailId),
          ];
        }
        default:
          return [];
      }
    }),
};
