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
    const { once, twice, batched } = await projectAll(
      timelineProjection,
      events,
      collections.timeline,
    );
    expect(twice).toEqual(once);
    expect(batched).toEqual(once);
    expect(once.map((e) => [e.type, e.names])).toEqual([
      ['CustomerTagged', { anna: 'Anna Kask' }],
      ['CustomerTagged', { anna: 'Anna Tamm' }],
      ['CustomerReassigned', { anna: 'Anna Tamm' }],
    ]);
  });
});
