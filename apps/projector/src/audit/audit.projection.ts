import { collections, projections } from '#read-models';
import { type Projection, upsert } from '../projection';

/**
 * For auditors: which streams hold events concerning each customer (from the events'
 * `customerId`; a lead's stream joins when it converts), and the trail of audit reads.
 */
export const auditProjection: Projection = {
  name: projections.audit,
  indexes: [
    [collections.auditStreams, ['customerId', 'firstPosition']],
    [collections.auditTrail, ['subjectCustomerId', 'readAt']],
    [collections.auditTrail, ['staffId', 'readAt']],
    [collections.auditTrail, ['readAt']],
  ],
  project: (stored) => {
    if (stored.type === 'AuditRead') {
      const { readId, staffId, kind, subjectCustomerId, streamId, query, readAt } =
        stored.data as Record<string, string | undefined>;
      return upsert(stored, collections.auditTrail, readId!, {
        $setOnInsert: {
          staffId,
          kind,
          subjectCustomerId: subjectCustomerId ?? null,
          streamId: streamId ?? null,
          query: query ?? null,
          readAt,
          position: stored.position,
        },
      });
    }
    const customerId = stored.metadata.customerId;
    if (!customerId) return [];
    return upsert(stored, collections.auditStreams, `${customerId}|${stored.streamId}`, {
      $setOnInsert: { customerId, streamId: stored.streamId },
      $min: { firstPosition: stored.position },
    });
  },
};
