import { type CampaignEvent } from '#events';
import { specFor } from '../testing';
import { campaignDecider, type StartCampaign } from './campaign.decider';

const now = '2026-03-01T09:00:00.000Z';
const start: StartCampaign = {
  type: 'StartCampaign',
  campaignId: 'k1',
  name: 'November news',
  segmentId: 's1',
  subject: 'News for {{name}}',
  text: 'Tere, {{name}}!',
  now,
};
const started: CampaignEvent = {
  type: 'CampaignStarted',
  data: {
    campaignId: 'k1',
    name: 'November news',
    segmentId: 's1',
    subject: 'News for {{name}}',
    text: 'Tere, {{name}}!',
    startedAt: now,
  },
};
const spec = specFor(campaignDecider);

describe('Campaign', () => {
  it('starts once, with a subject and a text', () => {
    spec([]).when(start).then([started]);
    spec([started]).when(start).thenRejectedWith('campaign-exists');
    spec([])
      .when({ ...start, text: ' ' })
      .thenRejectedWith('content-required');
  });
  it('completes once every member was reached; completing again changes nothing', () => {
    const completed: CampaignEvent = {
      type: 'CampaignCompleted',
      data: { campaignId: 'k1', recipients: 4, completedAt: now },
    };
    spec([started])
      .when({ type: 'CompleteCampaign', campaignId: 'k1', recipients: 4, now })
      .then([completed]);
    spec([started, completed])
      .when({ type: 'CompleteCampaign', campaignId: 'k1', recipients: 4, now })
      .thenNothingHappened();
  });
});
