import { type Event, type InboundContent } from '#events';
import { collections } from '#read-models';
import { campaignsProjection } from '../campaigns/campaigns.projection';
import { projectAll, storedEvents } from '../projection-testing';
import { inboundEmailsProjection } from './inbound-emails.projection';

const at = '2026-03-02T08:00:00.000Z';
const content: InboundContent = {
  from: 'uus@tundmatu.ee',
  to: [],
  cc: [],
  subject: 'Koostöö',
  text: 'Tere',
  sentAt: at,
  attachments: [
    { name: 'a.pdf', mediaType: 'application/pdf', size: 10, sha256: 'h1', head: 'JVBE' },
  ],
};
const held: Event = {
  type: 'InboundEmailReceived',
  data: {
    inboundEmailId: 'm1',
    messageId: '<m1@x>',
    status: 'review',
    customerIds: [],
    content,
    receivedAt: at,
  },
};
const logged: Event = {
  type: 'InboundEmailReceived',
  data: {
    inboundEmailId: 'm2',
    messageId: '<m2@x>',
    status: 'logged',
    customerIds: ['c1'],
    inReplyTo: { emailId: 'e1', campaignId: 'k1' },
    receivedAt: at,
  },
};

describe('inbound e-mails projection', () => {
  it('given a held message, then the review list has it with its content, and its attachments are kept', async () => {
    const emails = await projectAll(
      inboundEmailsProjection,
      storedEvents([held, logged]),
      collections.inboundEmails,
    );
    expect(emails.once).toEqual([
      expect.objectContaining({
        _id: 'm1',
        status: 'review',
        from: 'uus@tundmatu.ee',
        subject: 'Koostöö',
        text: 'Tere',
        attachments: [{ name: 'a.pdf', mediaType: 'application/pdf', size: 10 }],
        inReplyTo: null,
      }),
      expect.objectContaining({
        _id: 'm2',
        status: 'logged',
        customerIds: ['c1'],
        from: null,
        text: null,
        inReplyTo: { emailId: 'e1', campaignId: 'k1' },
      }),
    ]);
    const attachments = await projectAll(
      inboundEmailsProjection,
      storedEvents([held]),
      collections.inboundAttachments,
    );
    expect(attachments.once).toEqual([
      expect.objectContaining({ _id: 'm1:0', inboundEmailId: 'm1', sha256: 'h1' }),
    ]);
  });

  it('given a held message assigned, then it leaves the review list without its content, its attachments released', async () => {
    const events = storedEvents([
      held,
      {
        type: 'InboundEmailAssigned',
        data: { inboundEmailId: 'm1', customerId: 'c9', activityId: 'a1', assignedAt: at },
      },
    ]);
    const emails = await projectAll(inboundEmailsProjection, events, collections.inboundEmails);
    expect(emails.once).toEqual([
      expect.objectContaining({
        _id: 'm1',
        status: 'assigned',
        customerIds: ['c9'],
        from: null,
        subject: null,
        text: null,
        attachments: null,
        decidedBy: 'staff-1',
        decidedAt: at,
      }),
    ]);
    const attachments = await projectAll(
      inboundEmailsProjection,
      events,
      collections.inboundAttachments,
    );
    expect(attachments.once).toEqual([]);
  });

  it('given a dismissed message, then its reason stays and its content does not', async () => {
    const emails = await projectAll(
      inboundEmailsProjection,
      storedEvents([
        held,
        {
          type: 'InboundEmailDismissed',
          data: { inboundEmailId: 'm1', reason: 'spam', dismissedAt: at },
        },
      ]),
      collections.inboundEmails,
    );
    expect(emails.once).toEqual([
      expect.objectContaining({ status: 'dismissed', text: null, dismissReason: 'spam' }),
    ]);
  });
});

describe('campaigns projection: replies', () => {
  it('given a reply to a campaign message, then the campaign counts it, once per message', async () => {
    const { once } = await projectAll(
      campaignsProjection,
      storedEvents([
        {
          type: 'CampaignStarted',
          data: {
            campaignId: 'k1',
            name: 'Spring',
            segmentId: 's1',
            subject: 'Hi',
            text: 'Hi',
            startedAt: at,
          },
        },
        logged,
      ]),
      collections.campaigns,
    );
    expect(once).toEqual([expect.objectContaining({ _id: 'k1', replies: 1, unsubscribed: 0 })]);
  });
});
