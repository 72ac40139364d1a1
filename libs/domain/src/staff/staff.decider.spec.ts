import { type StaffEvent, type StaffRole } from '#events';
import { specFor } from '../testing';
import { staffDecider } from './staff.decider';

const now = '2026-03-01T09:00:00.000Z';
const given = specFor(staffDecider);
const registered: StaffEvent = {
  type: 'StaffMemberRegistered',
  data: {
    staffId: 's1',
    name: 'Anna',
    email: 'anna@example.com',
    roles: ['sales'],
    registeredAt: now,
  },
};
const deactivated: StaffEvent = {
  type: 'StaffMemberDeactivated',
  data: { staffId: 's1', successorId: 's2', deactivatedAt: now },
};
const successor = { staffId: 's2', active: true };

describe('RegisterStaffMember', () => {
  it('registers a member with sorted, unique roles', () => {
    given([])
      .when({
        type: 'RegisterStaffMember',
        staffId: 's1',
        name: 'Anna',
        email: 'anna@example.com',
        roles: ['sales', 'manager', 'sales'],
        now,
      })
      .then([
        {
          type: 'StaffMemberRegistered',
          data: {
            staffId: 's1',
            name: 'Anna',
            email: 'anna@example.com',
            roles: ['manager', 'sales'],
            registeredAt: now,
          },
        },
      ]);
  });
  it('refuses a second registration', () => {
    given([registered])
      .when({
        type: 'RegisterStaffMember',
        staffId: 's1',
        name: 'A',
        email: 'a@b.c',
        roles: ['sales'],
        now,
      })
      .thenRejectedWith('staff-exists');
  });
  it('refuses a member without roles', () => {
    given([])
      .when({
        type: 'RegisterStaffMember',
        staffId: 's1',
        name: 'A',
        email: 'a@b.c',
        roles: [],
        now,
      })
      .thenRejectedWith('roles-required');
  });
});

describe('ChangeStaffRoles', () => {
  it('records the new and the previous roles', () => {
    given([registered])
      .when({ type: 'ChangeStaffRoles', staffId: 's1', roles: ['manager'], actorId: 'a', now })
      .then([
        {
          type: 'StaffRolesChanged',
          data: { staffId: 's1', roles: ['manager'], previousRoles: ['sales'], changedAt: now },
        },
      ]);
  });
  it('changes nothing when the roles are the same', () => {
    given([registered])
      .when({ type: 'ChangeStaffRoles', staffId: 's1', roles: ['sales'], actorId: 'a', now })
      .thenNothingHappened();
  });
  it('refuses an admin dropping their own admin role', () => {
    given([{ ...registered, data: { ...registered.data, roles: ['admin'] } }])
      .when({ type: 'ChangeStaffRoles', staffId: 's1', roles: ['sales'], actorId: 's1', now })
      .thenRejectedWith('own-roles');
  });
  it('refuses anyone dropping a role of their own, but lets them add one', () => {
    const admin = {
      ...registered,
      data: { ...registered.data, roles: ['admin', 'sales'] as StaffRole[] },
    };
    given([admin])
      .when({ type: 'ChangeStaffRoles', staffId: 's1', roles: ['admin'], actorId: 's1', now })
      .thenRejectedWith('own-roles');
    given([admin])
      .when({
        type: 'ChangeStaffRoles',
        staffId: 's1',
        roles: ['admin', 'sales', 'manager'],
        actorId: 's1',
        now,
      })
      .then([
        {
          type: 'StaffRolesChanged',
          data: {
            staffId: 's1',
            roles: ['admin', 'manager', 'sales'],
            previousRoles: ['admin', 'sales'],
            changedAt: now,
          },
        },
      ]);
  });
  it('refuses a deactivated member', () => {
    given([registered, deactivated])
      .when({ type: 'ChangeStaffRoles', staffId: 's1', roles: ['manager'], actorId: 'a', now })
      .thenRejectedWith('staff-deactivated');
  });
  it('refuses an unknown member', () => {
    given([])
      .when({ type: 'ChangeStaffRoles', staffId: 's1', roles: ['manager'], actorId: 'a', now })
      .thenRejectedWith('staff-not-found');
  });
});

describe('RenameStaffMember', () => {
  it('records the new name next to the one the member had', () => {
    given([registered])
      .when({ type: 'RenameStaffMember', staffId: 's1', name: ' Anna Tamm ', now })
      .then([
        {
          type: 'StaffMemberRenamed',
          data: { staffId: 's1', name: 'Anna Tamm', previousName: 'Anna', renamedAt: now },
        },
      ]);
  });
  it('changes nothing when the name is the same', () => {
    given([registered])
      .when({ type: 'RenameStaffMember', staffId: 's1', name: 'Anna', now })
      .thenNothingHappened();
  });
  it('refuses an empty name and an unknown member', () => {
    given([registered])
      .when({ type: 'RenameStaffMember', staffId: 's1', name: '  ', now })
      .thenRejectedWith('name-required');
    given([])
      .when({ type: 'RenameStaffMember', staffId: 's1', name: 'Anna', now })
      .thenRejectedWith('staff-not-found');
  });
});

describe('DeactivateStaffMember', () => {
  it('deactivates with a successor', () => {
    given([registered])
      .when({ type: 'DeactivateStaffMember', staffId: 's1', successor, actorId: 'a', now })
      .then([deactivated]);
  });
  it('is a no-op when retried with the same successor', () => {
    given([registered, deactivated])
      .when({ type: 'DeactivateStaffMember', staffId: 's1', successor, actorId: 'a', now })
      .thenNothingHappened();
  });
  it('refuses a retry naming another successor', () => {
    given([registered, deactivated])
      .when({
        type: 'DeactivateStaffMember',
        staffId: 's1',
        successor: { staffId: 's3', active: true },
        actorId: 'a',
        now,
      })
      .thenRejectedWith('staff-deactivated');
  });
  it('refuses an inactive successor', () => {
    given([registered])
      .when({
        type: 'DeactivateStaffMember',
        staffId: 's1',
        successor: { staffId: 's2', active: false },
        actorId: 'a',
        now,
      })
      .thenRejectedWith('successor-inactive');
  });
  it('refuses the member as their own successor', () => {
    given([registered])
      .when({
        type: 'DeactivateStaffMember',
        staffId: 's1',
        successor: { staffId: 's1', active: true },
        actorId: 'a',
        now,
      })
      .thenRejectedWith('successor-is-member');
  });
  it('refuses deactivating oneself', () => {
    given([registered])
      .when({ type: 'DeactivateStaffMember', staffId: 's1', successor, actorId: 's1', now })
      .thenRejectedWith('deactivate-self');
  });
});

describe('calendar feeds', () => {
  const issued = (feedId: string): StaffEvent => ({
    type: 'CalendarFeedIssued',
    data: { staffId: 's1', feedId, issuedAt: now },
  });
  it('given an active member, when a feed is issued, then it is the live one; a new one replaces it', () => {
    given([registered])
      .when({ type: 'IssueCalendarFeed', staffId: 's1', feedId: 'f1', now })
      .then([issued('f1')]);
    given([registered, issued('f1')])
      .when({ type: 'IssueCalendarFeed', staffId: 's1', feedId: 'f1', now })
      .thenNothingHappened();
    given([registered, issued('f1')])
      .when({ type: 'IssueCalendarFeed', staffId: 's1', feedId: 'f2', now })
      .then([issued('f2')]);
  });
  it('given a live feed, when revoked, then that feed is revoked; without one, refused', () => {
    given([registered, issued('f1')])
      .when({ type: 'RevokeCalendarFeed', staffId: 's1', now })
      .then([
        { type: 'CalendarFeedRevoked', data: { staffId: 's1', feedId: 'f1', revokedAt: now } },
      ]);
    given([registered])
      .when({ type: 'RevokeCalendarFeed', staffId: 's1', now })
      .thenRejectedWith('no-calendar-feed');
  });
  it('given a member who left, then no feed is issued, and the one they had is gone', () => {
    given([registered, issued('f1'), deactivated])
      .when({ type: 'IssueCalendarFeed', staffId: 's1', feedId: 'f2', now })
      .thenRejectedWith('staff-deactivated');
    given([registered, issued('f1'), deactivated])
      .when({ type: 'RevokeCalendarFeed', staffId: 's1', now })
      .thenRejectedWith('no-calendar-feed');
    given([])
      .when({ type: 'IssueCalendarFeed', staffId: 's1', feedId: 'f1', now })
      .thenRejectedWith('staff-not-found');
  });
});
