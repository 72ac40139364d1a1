import { type LeadRoutingEvent, type TeamEvent } from '#events';
import { specFor } from '../testing';
import { leadRoutingDecider, routeLead, teamDecider, webFormDecider } from './lead-intake.deciders';

const now = '2026-03-01T09:00:00.000Z';
const defined: TeamEvent = {
  type: 'TeamDefined',
  data: { teamId: 't1', name: 'Sales', memberIds: ['a', 'b', 'c'], definedAt: now },
};
const took = (leadId: string, staffId: string, turn: number): TeamEvent => ({
  type: 'TeamTurnTaken',
  data: { teamId: 't1', leadId, staffId, turn, takenAt: now },
});
const turn = (leadId: string, activeMemberIds = ['a', 'b', 'c']) => ({
  type: 'TakeTurn' as const,
  teamId: 't1',
  leadId,
  activeMemberIds,
  now,
});

describe('teams taking leads in turn', () => {
  it('given a team, then its members take new leads in turn, round and round', () => {
    const team = specFor(teamDecider);
    team([defined])
      .when(turn('l1'))
      .then([took('l1', 'a', 0)]);
    team([defined, took('l1', 'a', 0)])
      .when(turn('l2'))
      .then([took('l2', 'b', 1)]);
    team([defined, took('l1', 'a', 0), took('l2', 'b', 1), took('l3', 'c', 2)])
      .when(turn('l4'))
      .then([took('l4', 'a', 3)]);
  });
  it('given a member who is not active, then the turn passes to the next; with nobody active, refused', () => {
    const team = specFor(teamDecider);
    team([defined, took('l1', 'a', 0)])
      .when(turn('l2', ['a', 'c']))
      .then([took('l2', 'c', 2)]);
    team([defined]).when(turn('l1', [])).thenRejectedWith('no-active-member');
    team([])
      .when({ type: 'DefineTeam', teamId: 't1', name: 'Sales', memberIds: [], now })
      .thenRejectedWith('members-required');
  });
});

describe('lead routing rules', () => {
  const rule: LeadRoutingEvent = {
    type: 'LeadRoutingRuleDefined',
    data: {
      ruleId: 'r1',
      name: 'Web to sales',
      sources: ['web form', 'e-mail'],
      assignTo: { teamId: 't1' },
      definedAt: now,
    },
  };
  it('given sources, when a rule is defined, then they are kept in lower case; one source has one rule', () => {
    const routing = specFor(leadRoutingDecider);
    routing([])
      .when({
        type: 'DefineRoutingRule',
        ruleId: 'r1',
        name: 'Web to sales',
        sources: ['Web form', ' e-mail '],
        assignTo: { teamId: 't1' },
        now,
      })
      .then([rule]);
    routing([rule])
      .when({
        type: 'DefineRoutingRule',
        ruleId: 'r2',
        name: 'Mail',
        sources: ['E-mail'],
        assignTo: { staffId: 's1' },
        now,
      })
      .thenRejectedWith('source-already-routed');
  });
  it('routes a lead by its source, without regard to case; another source by no rule', () => {
    const state = [rule].reduce(leadRoutingDecider.evolve, leadRoutingDecider.initialState());
    expect(routeLead(state, 'Web Form')?.ruleId).toBe('r1');
    expect(routeLead(state, 'fair')).toBeUndefined();
  });
});

describe('web forms', () => {
  it('given a form, when disabled, then disabled (once)', () => {
    const form = specFor(webFormDecider);
    const definedForm = {
      type: 'WebFormDefined' as const,
      data: { formId: 'f1', name: 'Contact us', source: 'web form', ownerId: 's1', definedAt: now },
    };
    form([definedForm])
      .when({ type: 'DisableWebForm', formId: 'f1', now })
      .then([{ type: 'WebFormDisabled', data: { formId: 'f1', disabledAt: now } }]);
    form([])
      .when({ type: 'DisableWebForm', formId: 'f1', now })
      .thenRejectedWith('web-form-not-found');
  });
});
