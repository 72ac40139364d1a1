import { type Event } from '../envelope';

/** What a staff member may do; the access table in libs/platform maps roles to endpoints. */
export const staffRoles = ['sales', 'manager', 'admin', 'analyst', 'auditor'] as const;
export type StaffRole = (typeof staffRoles)[number];

export type StaffMemberRegistered = Event<
  'StaffMemberRegistered',
  { staffId: string; name: string; email: string; roles: StaffRole[]; registeredAt: string }
>;
export type StaffRolesChanged = Event<
  'StaffRolesChanged',
  { staffId: string; roles: StaffRole[]; previousRoles: StaffRole[]; changedAt: string }
>;
/** The member's name changed (marriage, a typo); earlier events keep the name they had then. */
export type StaffMemberRenamed = Event<
  'StaffMemberRenamed',
  { staffId: string; name: string; previousName: string; renamedAt: string }
>;
/** The member leaves; `successorId` receives their open items (one reassignment event each). */
export type StaffMemberDeactivated = Event<
  'StaffMemberDeactivated',
  { staffId: string; successorId: string | null; reason?: string; deactivatedAt: string }
>;

/**
 * A member's calendar feed (iCalendar) was issued: its signed URL names this feed id, and a
 * newer feed (or a revocation) makes older URLs stop working.
 */
export type CalendarFeedIssued = Event<
  'CalendarFeedIssued',
  { staffId: string; feedId: string; issuedAt: string }
>;
export type CalendarFeedRevoked = Event<
  'CalendarFeedRevoked',
  { staffId: string; feedId: string; revokedAt: string }
>;

export type StaffEvent =
  | StaffMemberRegistered
  | StaffRolesChanged
  | StaffMemberRenamed
  | StaffMemberDeactivated
  | CalendarFeedIssued
  | CalendarFeedRevoked;

/**
 * The owner or assignee of a lead, customer, deal, activity or ticket changed. `handOver` marks
 * the moves made when the previous owner left; all moves of one hand-over share a correlation id.
 */
/**
 * The active administrators, kept in one stream (`admin-roster`) so that taking the admin role
 * away is decided against every other change to it: the service always keeps one.
 */
export type AdminRosterSeeded = Event<'AdminRosterSeeded', { admins: string[]; seededAt: string }>;
export type AdminGranted = Event<'AdminGranted', { staffId: string; grantedAt: string }>;
export type AdminRevoked = Event<'AdminRevoked', { staffId: string; revokedAt: string }>;
export type AdminRosterEvent = AdminRosterSeeded | AdminGranted | AdminRevoked;

export type OwnerChange = {
  fromStaffId: string;
  toStaffId: string;
  handOver: boolean;
  reason?: string;
  reassignedAt: string;
};

/** An owner change of something that belongs to a customer. */
export type Reassignment = { customerId: string } & OwnerChange;
