import { type AdminRosterEvent } from '#events';
import { type Decider, unreachable, violated } from '../decider';

/** The active administrators; `seeded` once the roster was started from the staff list. */
export type AdminRosterState = { seeded: boolean; admins: ReadonlySet<string> };

export type SeedAdminRoster = { type: 'SeedAdminRoster'; admins: string[]; now: string };
export type GrantAdmin = { type: 'GrantAdmin'; staffId: string; now: string };
export type RevokeAdmin = { type: 'RevokeAdmin'; staffId: string; now: string };
export type AdminRosterCommand = SeedAdminRoster | GrantAdmin | RevokeAdmin;

const decide = (command: AdminRosterCommand, state: AdminRosterState): AdminRosterEvent[] => {
  switch (command.type) {
    case 'SeedAdminRoster':
      return state.seeded
        ? []
        : [
            {
              type: 'AdminRosterSeeded',
              data: { admins: [...new Set(command.admins)].sort(), seededAt: command.now },
            },
          ];
    case 'GrantAdmin':
      return state.admins.has(command.staffId)
        ? []
        : [{ type: 'AdminGranted', data: { staffId: command.staffId, grantedAt: command.now } }];
    case 'RevokeAdmin':
      if (!state.admins.has(command.staffId)) return [];
      if (state.admins.size <= 1)
        throw violated(
          'last-admin',
          'The service keeps at least one active administrator: grant the admin role to someone else first',
        );
      return [{ type: 'AdminRevoked', data: { staffId: command.staffId, revokedAt: command.now } }];
    default:
      return unreachable(command);
  }
};

const evolve = (state: AdminRosterState, event: AdminRosterEvent): AdminRosterState => {
  switch (event.type) {
    case 'AdminRosterSeeded':
      return { seeded: true, admins: new Set(event.data.admins) };
    case 'AdminGranted':
      return { ...state, admins: new Set(state.admins).add(event.data.staffId) };
    case 'AdminRevoked': {
      const admins = new Set(state.admins);
      admins.delete(event.data.staffId);
      return { ...state, admins };
    }
    default:
      return unreachable(event);
  }
};

/** `admin-roster`: one stream through which every loss of the admin role passes. */
export const adminRosterDecider: Decider<AdminRosterCommand, AdminRosterEvent, AdminRosterState> = {
  decide,
  evolve,
  initialState: () => ({ seeded: false, admins: new Set() }),
};
