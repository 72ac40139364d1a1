import { type Event } from '../envelope';

/**
 * A mass mailing to a segment's members who consent to e-mail: `subject` and `text` may hold
 * `{{name}}` (the customer's name) and `{{unsubscribeUrl}}` (added at the end when left out).
 */
export type CampaignStarted = Event<
  'CampaignStarted',
  {
    campaignId: string;
    name: string;
    segmentId: string;
    subject: string;
    text: string;
    startedAt: string;
  }
>;
/** Every member was reached: `recipients` messages were queued. */
export type CampaignCompleted = Event<
  'CampaignCompleted',
  { campaignId: string; recipients: number; completedAt: string }
>;

export type CampaignEvent = CampaignStarted | CampaignCompleted;
