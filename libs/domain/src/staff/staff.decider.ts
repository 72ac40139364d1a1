import { type StaffEvent, type StaffRole } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';

export type StaffState =
  | { status: 'none' }
  | {
      status: 'active' | 'deactivated';
      staffId: string;
      name: string;
      email: string;
      roles: StaffRole[];
      successorId?: string | null;
      /** The live calendar feed, if one was issued and not revoked. */
      calendarFeedId?: string | null;
    };

export type RegisterStaffMember = {
  type: 'RegisterStaffMember';
  staffId: string;
  name: string;
  email: string;
  roles: StaffRole[];
  now: string;
};
export type ChangeStaffRoles = {
  type: 'ChangeStaffRoles';
  staffId: string;
  roles: StaffRole[];
  actorId: string;
  now: string;
};
export type RenameStaffMember = {
  type: 'RenameStaffMember';
  staffId: string;
  name: string;
  now: string;
};
/** The handler reads the successor's stream; the decider checks it may take the portfolio over. */
export type DeactivateStaffMember = {
  type: 'DeactivateStaffMember';
  staffId: string;
  successor: { staffId: string; active: boolean } | null;
  reason?: string;
  actorId: string;
  now: string;
};

/** A new calendar feed for an active member: it replaces the one before. */
export type IssueCalendarFeed = {
  type: 'IssueCalendarFeed';
  staffId: string;
  feedId: string;
  now: string;
};
export type RevokeCalendarFeed = { type: 'RevokeCalendarFeed'; staffId: string; now: string };

export type StaffCommand =
  | RegisterStaffMember
  | ChangeStaffRoles
  | RenameStaffMember
  | DeactivateStaffMember
  | IssueCalendarFeed
  | RevokeCalendarFeed;

const uniqueRoles = (roles: StaffRole[]) => {
  if (roles.length === 0)
    throw violated('roles-required', 'A staff member needs at least one role');
  return [...new Set(roles)].sort();
};

const existing = (state: StaffState, staffId: string) => {
  if (state.status === 'none') throw notFound('staff', staffId);
  return state;
};

const sameRoles = (a: StaffRole[], b: StaffRole[]) =>
  a.length === b.length && a.every((r, i) => r === b[i]);

const decide = (command: StaffCommand, state: StaffState): StaffEvent[] => {
  switch (command.type) {
    case 'RegisterStaffMember': {
      if (state.status !== 'none') throw alreadyExists('staff', command.staffId);
      if (command.name.trim() === '')
        throw violated('name-required', 'A staff member needs a name');
      const { type: _t, now, roles, ...rest } = command;
      return [
        {
          type: 'StaffMemberRegistered',
          data: { ...rest, roles: uniqueRoles(roles), registeredAt: now },
        },
      ];
    }
    case 'ChangeStaffRoles': {
      const member = existing(state, command.staffId);
      if (member.status !== 'active')
        throw violated('staff-deactivated', 'A deactivated member has no roles to change');
      const roles = uniqueRoles(command.roles);
      if (sameRoles(roles, member.roles)) return [];
      // No one takes roles from themselves (another administrator does): a slip of one's own
      // cannot lock one out of one's work, nor leave the service without its administrator.
      if (command.actorId === member.staffId && member.roles.some((r) => !roles.includes(r)))
        throw violated('own-roles', 'A staff member cannot take roles from themselves');
      return [
        {
          type: 'StaffRolesChanged',
          data: {
            staffId: member.staffId,
            roles,
            previousRoles: member.roles,
            changedAt: command.now,
          },
        },
      ];
    }
    case 'RenameStaffMember': {
      const member = existing(state, command.staffId);
      const name = command.name.trim();
      if (name === '') throw violated('name-required', 'A staff member needs a name');
      if (name === member.name) return [];
      return [
        {
          type: 'StaffMemberRenamed',
          data: {
            staffId: member.staffId,
            name,
            previousName: member.name,
            renamedAt: command.now,
          },
        },
      ];
    }
    case 'DeactivateStaffMember': {
      const member = existing(state, command.staffId);
      const successorId = command.successor?.staffId ?? null;
      if (member.status === 'deactivated') {
        // A retried hand-over finds the member already gone: fine when it names the same successor.
        if ((member.successorId ?? null) === successorId) return [];
        throw violated(
          'staff-deactivated',
          `The member already left with successor ${String(member.successorId)}`,
        );
      }
      if (command.actorId === member.staffId)
        throw violated('deactivate-self', 'A staff member cannot deactivate themselves');
      if (command.successor) {
        if (command.successor.staffId === member.staffId)
          throw violated('successor-is-member', 'A member cannot be their own successor');
        if (!command.successor.active)
          throw violated('successor-inactive', 'The successor must be an active staff member');
      }
      return [
        {
          type: 'StaffMemberDeactivated',
          data: {
            staffId: member.staffId,
            successorId,
            ...(command.reason ? { reason: command.reason } : {}),
            deactivatedAt: command.now,
          },
        },
      ];
    }
    case 'IssueCalendarFeed': {
      const member = existing(state, command.staffId);
      if (member.status !== 'active')
        throw violated('staff-deactivated', 'A member who left has no calendar feed');
      if (member.calendarFeedId === command.feedId) return [];
      return [
        {
          type: 'CalendarFeedIssued',
          data: { staffId: member.staffId, feedId: command.feedId, issuedAt: command.now },
        },
      ];
    }
    case 'RevokeCalendarFeed': {
      const member = existing(state, command.staffId);
      if (!member.calendarFeedId)
        throw violated('no-calendar-feed', 'The member has no calendar feed to revoke');
      return [
        {
          type: 'CalendarFeedRevoked',
          data: {
            staffId: member.staffId,
            feedId: member.calendarFeedId,
            revokedAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: StaffState, event: StaffEvent): StaffState => {
  if (event.type === 'StaffMemberRegistered') {
    const { staffId, name, email, roles } = event.data;
    return { status: 'active', staffId, name, email, roles };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'StaffRolesChanged':
      return { ...state, roles: event.data.roles };
    case 'StaffMemberRenamed':
      return { ...state, name: event.data.name };
    case 'StaffMemberDeactivated':
      // A member who leaves takes no calendar along: the feed stops.
      return {
        ...state,
        status: 'deactivated',
        successorId: event.data.successorId,
        calendarFeedId: null,
      };
    case 'CalendarFeedIssued':
      return { ...state, calendarFeedId: event.data.feedId };
    case 'CalendarFeedRevoked':
      return { ...state, calendarFeedId: null };
    default:
      return unreachable(event);
  }
};

export const staffDecider: Decider<StaffCommand, StaffEvent, StaffState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
