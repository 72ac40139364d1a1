import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { staffProjection } from './staff.projection';

const at = '2026-03-01T09:00:00.000Z';
const registered: Event = {
  type: 'StaffMemberRegistered',
  data: {
    staffId: 's1',
    name: 'Anna',
    email: 'anna@example.com',
    roles: ['sales'],
    registeredAt: at,
  },
};
const issued = (feedId: string): Event => ({
  type: 'CalendarFeedIssued',
  data: { staffId: 's1', feedId, issuedAt: at },
});

describe('staff projection: calendar feeds', () => {
  it('given feeds issued, then the latest is live, apart from the staff list', async () => {
    const feeds = await projectAll(
      staffProjection,
      storedEvents([registered, issued('f1'), issued('f2')]),
      collections.calendarFeeds,
    );
    expect(feeds.once).toEqual([expect.objectContaining({ _id: 's1', feedId: 'f2' })]);
    const staff = await projectAll(
      staffProjection,
      storedEvents([registered, issued('f1')]),
      collections.staff,
    );
    expect(staff.once[0]).not.toHaveProperty('feedId');
  });
  it('given a feed revoked, or its member gone, then none is live', async () => {
    for (const ending of [
      { type: 'CalendarFeedRevoked', data: { staffId: 's1', feedId: 'f1', revokedAt: at } },
      {
        type: 'StaffMemberDeactivated',
        data: { staffId: 's1', successorId: 's2', deactivatedAt: at },
      },
    ] as Event[]) {
      const feeds = await projectAll(
        staffProjection,
        storedEvents([registered, issued('f1'), ending]),
        collections.calendarFeeds,
      );
      expect(feeds.once).toEqual([expect.objectContaining({ _id: 's1', feedId: null })]);
    }
  });
});
