import {
  type LeadRoutingEvent,
  type RoutingTarget,
  type TeamEvent,
  type WebFormEvent,
} from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';

// ---- Teams: members taking new leads in turn ----

export type TeamState =
  | { status: 'none' }
  | {
      status: 'active';
      teamId: string;
      name: string;
      memberIds: string[];
      turns: number;
      /** Who took the last turn, for which lead. */
      lastTurn?: { leadId: string; staffId: string };
    };

export type DefineTeam = {
  type: 'DefineTeam';
  teamId: string;
  name: string;
  memberIds: string[];
  now: string;
};
export type ChangeTeamMembers = {
  type: 'ChangeTeamMembers';
  teamId: string;
  memberIds: string[];
  now: string;
};
/**
 * Gives a new lead to the member whose turn it is, skipping those not active now (loaded
 * before deciding): turns go round the members in their order.
 */
export type TakeTurn = {
  type: 'TakeTurn';
  teamId: string;
  leadId: string;
  activeMemberIds: string[];
  now: string;
};
export type TeamCommand = DefineTeam | ChangeTeamMembers | TakeTurn;

const members = (ids: string[]) => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw violated('members-required', 'A team needs at least one member');
  return unique;
};

const decideTeam = (command: TeamCommand, state: TeamState): TeamEvent[] => {
  switch (command.type) {
    case 'DefineTeam':
      if (state.status !== 'none') throw alreadyExists('team', command.teamId);
      if (command.name.trim() === '') throw violated('name-required', 'A team needs a name');
      return [
        {
          type: 'TeamDefined',
          data: {
            teamId: command.teamId,
            name: command.name,
            memberIds: members(command.memberIds),
            definedAt: command.now,
          },
        },
      ];
    case 'ChangeTeamMembers': {
      if (state.status === 'none') throw notFound('team', command.teamId);
      const memberIds = members(command.memberIds);
      if (JSON.stringify(memberIds) === JSON.stringify(state.memberIds)) return [];
      return [
        {
          type: 'TeamMembersChanged',
          data: {
            teamId: state.teamId,
            memberIds,
            previousMemberIds: state.memberIds,
            changedAt: command.now,
          },
        },
      ];
    }
    case 'TakeTurn': {
      if (state.status === 'none') throw notFound('team', command.teamId);
      const active = new Set(command.activeMemberIds);
      for (let i = 0; i < state.memberIds.length; i += 1) {
        const turn = state.turns + i;
        const staffId = state.memberIds[turn % state.memberIds.length]!;
        if (active.has(staffId))
          return [
            {
              type: 'TeamTurnTaken',
              data: {
                teamId: state.teamId,
                leadId: command.leadId,
                staffId,
                turn,
                takenAt: command.now,
              },
            },
          ];
      }
      throw violated('no-active-member', 'No member of the team is active');
    }
    default:
      return unreachable(command);
  }
};

const evolveTeam = (state: TeamState, event: TeamEvent): TeamState => {
  switch (event.type) {
    case 'TeamDefined':
      return {
        status: 'active',
        teamId: event.data.teamId,
        name: event.data.name,
        memberIds: event.data.memberIds,
        turns: 0,
      };
    case 'TeamMembersChanged':
      return state.status === 'none' ? state : { ...state, memberIds: event.data.memberIds };
    case 'TeamTurnTaken':
      return state.status === 'none'
        ? state
        : {
            ...state,
            turns: event.data.turn + 1,
            lastTurn: { leadId: event.data.leadId, staffId: event.data.staffId },
          };
  }
};

export const teamDecider: Decider<TeamCommand, TeamEvent, TeamState> = {
  decide: decideTeam,
  evolve: evolveTeam,
  initialState: () => ({ status: 'none' }),
};

// ---- Routing rules: where new leads go, by their source ----

export type RoutingRule = {
  ruleId: string;
  name: string;
  sources: string[];
  assignTo: RoutingTarget;
};
export type LeadRoutingState = { rules: RoutingRule[] };

/** The handler checked the member is active, or the team exists (loaded). */
export type DefineRoutingRule = { type: 'DefineRoutingRule'; now: string } & RoutingRule;
export type RemoveRoutingRule = { type: 'RemoveRoutingRule'; ruleId: string; now: string };
export type LeadRoutingCommand = DefineRoutingRule | RemoveRoutingRule;

/** A lead source as routing and reports compare it: without case or surrounding spaces. */
export const sourceKey = (source: string) => source.trim().toLocaleLowerCase('en');

const decideRouting = (
  command: LeadRoutingCommand,
  state: LeadRoutingState,
): LeadRoutingEvent[] => {
  switch (command.type) {
    case 'DefineRoutingRule': {
      if (state.rules.some((r) => r.ruleId === command.ruleId))
        throw alreadyExists('routing-rule', command.ruleId);
      const sources = [...new Set(command.sources.map(sourceKey))].filter((s) => s !== '');
      if (sources.length === 0)
        throw violated('sources-required', 'A routing rule names the lead sources it takes');
      const taken = state.rules.find((r) => r.sources.some((s) => sources.includes(s)));
      if (taken)
        throw violated(
          'source-already-routed',
          `Rule "${taken.name}" routes ${taken.sources.filter((s) => sources.includes(s)).join(', ')} already`,
        );
      return [
        {
          type: 'LeadRoutingRuleDefined',
          data: {
            ruleId: command.ruleId,
            name: command.name,
            sources,
            assignTo: command.assignTo,
            definedAt: command.now,
          },
        },
      ];
    }
    case 'RemoveRoutingRule':
      if (!state.rules.some((r) => r.ruleId === command.ruleId))
        throw notFound('routing-rule', command.ruleId);
      return [
        {
          type: 'LeadRoutingRuleRemoved',
          data: { ruleId: command.ruleId, removedAt: command.now },
        },
      ];
    default:
      return unreachable(command);
  }
};

const evolveRouting = (state: LeadRoutingState, event: LeadRoutingEvent): LeadRoutingState => {
  switch (event.type) {
    case 'LeadRoutingRuleDefined': {
      const { ruleId, name, sources, assignTo } = event.data;
      return { rules: [...state.rules, { ruleId, name, sources, assignTo }] };
    }
    case 'LeadRoutingRuleRemoved':
      return { rules: state.rules.filter((r) => r.ruleId !== event.data.ruleId) };
  }
};

export const leadRoutingDecider: Decider<LeadRoutingCommand, LeadRoutingEvent, LeadRoutingState> = {
  decide: decideRouting,
  evolve: evolveRouting,
  initialState: () => ({ rules: [] }),
};

/** The rule a new lead from `source` is routed by, if any (sources compared without case). */
export const routeLead = (state: LeadRoutingState, source: string): RoutingRule | undefined =>
  state.rules.find((r) => r.sources.includes(sourceKey(source)));

// ---- Web forms: public forms feeding leads ----

export type WebFormState =
  | { status: 'none' }
  | { status: 'active' | 'disabled'; formId: string; source: string; ownerId: string };

/** The handler checked the default owner is an active member (loaded). */
export type DefineWebForm = {
  type: 'DefineWebForm';
  formId: string;
  name: string;
  source: string;
  ownerId: string;
  now: string;
};
export type DisableWebForm = { type: 'DisableWebForm'; formId: string; now: string };
export type WebFormCommand = DefineWebForm | DisableWebForm;

const decideWebForm = (command: WebFormCommand, state: WebFormState): WebFormEvent[] => {
  switch (command.type) {
    case 'DefineWebForm':
      if (state.status !== 'none') throw alreadyExists('web-form', command.formId);
      return [
        {
          type: 'WebFormDefined',
          data: {
            formId: command.formId,
            name: command.name,
            source: command.source,
            ownerId: command.ownerId,
            definedAt: command.now,
          },
        },
      ];
    case 'DisableWebForm':
      if (state.status === 'none') throw notFound('web-form', command.formId);
      if (state.status === 'disabled') return [];
      return [
        { type: 'WebFormDisabled', data: { formId: command.formId, disabledAt: command.now } },
      ];
    default:
      return unreachable(command);
  }
};

const evolveWebForm = (state: WebFormState, event: WebFormEvent): WebFormState => {
  switch (event.type) {
    case 'WebFormDefined':
      return {
        status: 'active',
        formId: event.data.formId,
        source: event.data.source,
        ownerId: event.data.ownerId,
      };
    case 'WebFormDisabled':
      return state.status === 'none' ? state : { ...state, status: 'disabled' };
  }
};

export const webFormDecider: Decider<WebFormCommand, WebFormEvent, WebFormState> = {
  decide: decideWebForm,
  evolve: evolveWebForm,
  initialState: () => ({ status: 'none' }),
};
