import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { timelineProjection } from './timeline.projection';

const at = '2026-03-01T09:00:00.000Z';
const tagged = (tag: string): Event => ({
  type: 'CustomerTagged',
  data: { customerId: 'c1', tags: [tag], taggedAt: at },
});

describe('timeline projection', () => {
  it('given events, then each entry is filed under its position, zero-padded, and keeps its event id', async () => {
    const events = storedEvents([tagged('first'), tagged('second'), tagged('third')]).map(
      (e, i) => ({ ...e, position: [9, 10, 123_456_789_012][i]! }),
    );
    const { once } = await projectAll(timelineProjection, events, collections.timeline);
    expect(once.map((e) => [e._id, e['eventId']])).toEqual([
      ['00000000000000000009', 'e1'],
      ['00000000000000000010', 'e2'],
      ['00000000123456789012', 'e3'],
    ]);
  });

  it('given a member renamed between two events, then each entry keeps the name of its time', async () => {
    const events = storedEvents([
      {
        type: 'StaffMemberRegistered',
        data: {
          staffId: 'anna',
          name: 'Anna Kask',
          email: 'a@x.ee',
          roles: ['sales'],
          registeredAt: at,
        },
      },
      tagged('first'),
      {
        type: 'StaffMemberRenamed',
        data: { staffId: 'anna', name: 'Anna Tamm', previousName: 'Anna Kask', renamedAt: at },
      },
      tagged('second'),
      {
        type: 'CustomerReassigned',
        data: {
          customerId: 'c1',
          fromStaffId: 'anna',
          toStaffId: 'nobody-known',
          handOver: false,
          reassignedAt: at,
        },
      },
    ]).map((e) => ({ ...e, metadata: { ...e.metadata, actorId: 'anna' } }));
    const { once } = await projectAll(timelineProjection, events, collections.timeline);
    expect(once.map((e) => [e.type, e.names])).toEqual([
      ['CustomerTagged', { anna: 'Anna Kask' }],
      ['CustomerTagged', { anna: 'Anna Tamm' }],
      ['CustomerReassigned', { anna: 'Anna Tamm' }],
    ]);
  });

  it("given a staff member's campaign, then its messages on the timeline are the e-mail sender's, for that campaign and member", async () => {
    const events = storedEvents([
      {
        type: 'StaffMemberRegistered',
        data: {
          staffId: 'anna',
          name: 'Anna Kask',
          email: 'a@x.ee',
          roles: ['manager'],
          registeredAt: at,
        },
      },
      {
        type: 'CampaignStarted',
        data: {
          campaignId: 'k1',
          name: 'Spring news',
          segmentId: 'g1',
          subject: 'News',
          text: 'Hello',
          startedAt: at,
        },
      },
      {
        type: 'EmailQueued',
        data: {
          emailId: 'm1',
          customerId: 'c1',
          to: ['info@x.ee'],
          subject: 'News',
          text: 'Hello',
          attachments: [],
          campaignId: 'k1',
          queuedAt: at,
        },
      },
      {
        type: 'EmailSent',
        data: {
          emailId: 'm1',
          customerId: 'c1',
          messageId: '<m1@kroonika>',
          response: '250',
          sentAt: at,
        },
      },
    ]).map((e, i) => ({
      ...e,
      metadata: { ...e.metadata, actorId: i < 2 ? 'anna' : 'mailer', customerId: 'c1' },
    }));
    const { once } = await projectAll(timelineProjection, events, collections.timeline);
    const names = (type: string) => once.find((e) => e.type === type)?.names;
    expect(names('EmailQueued')).toEqual({
      mailer: 'E-mail sender, campaign "Spring news" started by Anna Kask',
    });
    expect(names('EmailSent')).toEqual({ mailer: 'E-mail sender' });
  });
});
