import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { leadIntakeProjection } from './lead-intake.projection';

const at = '2026-03-01T09:00:00.000Z';

describe('lead intake projection', () => {
  it('given a team taking turns, then its members and how many turns it gave', async () => {
    const { once } = await projectAll(
      leadIntakeProjection,
      storedEvents([
        {
          type: 'TeamDefined',
          data: { teamId: 't1', name: 'Web', memberIds: ['a', 'b'], definedAt: at },
        },
        {
          type: 'TeamTurnTaken',
          data: { teamId: 't1', leadId: 'l1', staffId: 'a', turn: 0, takenAt: at },
        },
        {
          type: 'TeamTurnTaken',
          data: { teamId: 't1', leadId: 'l2', staffId: 'b', turn: 1, takenAt: at },
        },
        {
          type: 'TeamMembersChanged',
          data: { teamId: 't1', memberIds: ['b'], previousMemberIds: ['a', 'b'], changedAt: at },
        },
      ] as Event[]),
      collections.teams,
    );
    expect(once).toEqual([expect.objectContaining({ _id: 't1', memberIds: ['b'], turns: 2 })]);
  });
  it('given rules defined and one removed, then the rest; given a form disabled, then inactive', async () => {
    const rules = await projectAll(
      leadIntakeProjection,
      storedEvents([
        {
          type: 'LeadRoutingRuleDefined',
          data: {
            ruleId: 'r1',
            name: 'Web',
            sources: ['web form'],
            assignTo: { teamId: 't1' },
            definedAt: at,
          },
        },
        {
          type: 'LeadRoutingRuleDefined',
          data: {
            ruleId: 'r2',
            name: 'Fair',
            sources: ['fair'],
            assignTo: { staffId: 's1' },
            definedAt: at,
          },
        },
        { type: 'LeadRoutingRuleRemoved', data: { ruleId: 'r1', removedAt: at } },
      ] as Event[]),
      collections.routingRules,
    );
    expect(rules.once.map((r) => r._id)).toEqual(['r2']);
    const forms = await projectAll(
      leadIntakeProjection,
      storedEvents([
        {
          type: 'WebFormDefined',
          data: { formId: 'f1', name: 'Contact', source: 'web form', ownerId: 's1', definedAt: at },
        },
        { type: 'WebFormDisabled', data: { formId: 'f1', disabledAt: at } },
      ] as Event[]),
      collections.webForms,
    );
    expect(forms.once).toEqual([expect.objectContaining({ _id: 'f1', active: false })]);
  });
});
