import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

const SOURCE = 'campaign:';

/**
 * Campaigns, how many recipients unsubscribed through each one's links, and how many replies to
 * its messages arrived at the CRM's address.
 */
export const campaignsProjection: Projection = {
  name: projections.campaigns,
  indexes: [[collections.campaigns, ['status']]],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'CampaignStarted': {
          const { campaignId, name, segmentId, subject, startedAt } = event.data;
          return upsert(stored, collections.campaigns, campaignId, {
            $set: { name, segmentId, subject, status: 'sending', startedAt },
            $setOnInsert: { unsubscribed: 0, replies: 0, recipients: null, completedAt: null },
          });
        }
        case 'CampaignCompleted':
          return upsert(stored, collections.campaigns, event.data.campaignId, {
            $set: {
              status: 'completed',
              recipients: event.data.recipients,
              completedAt: event.data.completedAt,
            },
          });
        case 'MarketingConsentWithdrawn':
          return event.data.source.startsWith(SOURCE)
            ? upsert(stored, collections.campaigns, event.data.source.slice(SOURCE.length), {
                $inc: { unsubscribed: 1 },
              })
            : [];
        case 'InboundEmailReceived': {
          const campaignId = event.data.inReplyTo?.campaignId;
          return campaignId
            ? upsert(stored, collections.campaigns, campaignId, { $inc: { replies: 1 } })
            : [];
        }
        default:
          return [];
      }
    }),
};
