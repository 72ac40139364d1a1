import { type CampaignEvent } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';

export type CampaignState =
  { status: 'none' } | { status: 'sending' | 'completed'; campaignId: string; segmentId: string };

export type StartCampaign = {
  type: 'StartCampaign';
  campaignId: string;
  name: string;
  segmentId: string;
  subject: string;
  text: string;
  now: string;
};
export type CompleteCampaign = {
  type: 'CompleteCampaign';
  campaignId: string;
  recipients: number;
  now: string;
};
export type CampaignCommand = StartCampaign | CompleteCampaign;

const decide = (command: CampaignCommand, state: CampaignState): CampaignEvent[] => {
  switch (command.type) {
    case 'StartCampaign': {
      if (state.status !== 'none') throw alreadyExists('campaign', command.campaignId);
      if (command.subject.trim() === '' || command.text.trim() === '')
        throw violated('content-required', 'A campaign needs a subject and a text');
      const { type: _t, now, ...data } = command;
      return [{ type: 'CampaignStarted', data: { ...data, startedAt: now } }];
    }
    case 'CompleteCampaign':
      if (state.status === 'none') throw notFound('campaign', command.campaignId);
      if (state.status === 'completed') return [];
      return [
        {
          type: 'CampaignCompleted',
          data: {
            campaignId: command.campaignId,
            recipients: command.recipients,
            completedAt: command.now,
          },
        },
      ];
    default:
      return unreachable(command);
  }
};

const evolve = (state: CampaignState, event: CampaignEvent): CampaignState => {
  switch (event.type) {
    case 'CampaignStarted':
      return {
        status: 'sending',
        campaignId: event.data.campaignId,
        segmentId: event.data.segmentId,
      };
    case 'CampaignCompleted':
      return state.status === 'none' ? state : { ...state, status: 'completed' };
    default:
      return unreachable(event);
  }
};

/** A mass mailing: started, then completed once every member was queued a message. */
export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
