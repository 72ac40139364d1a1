import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Teams (with how many turns they gave), lead routing rules and web forms. */
export const leadIntakeProjection: Projection = {
  name: projections.leadIntake,
  indexes: [[collections.routingRules, ['definedAt']]],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'TeamDefined': {
          const { teamId, name, memberIds, definedAt } = event.data;
          return upsert(stored, collections.teams, teamId, {
            $set: { name, memberIds, definedAt },
            $setOnInsert: { turns: 0 },
          });
        }
        case 'TeamMembersChanged':
          return upsert(stored, collections.teams, event.data.teamId, {
            $set: { memberIds: event.data.memberIds },
          });
        case 'TeamTurnTaken':
          return upsert(stored, collections.teams, event.data.teamId, {
            $set: { turns: event.data.turn + 1 },
          });
        case 'LeadRoutingRuleDefined': {
          const { ruleId, name, sources, assignTo, definedAt } = event.data;
          return upsert(stored, collections.routingRules, ruleId, {
            $set: { name, sources, assignTo, definedAt },
          });
        }
        case 'LeadRoutingRuleRemoved':
          return [{ kind: 'delete', collection: collections.routingRules, id: event.data.ruleId }];
        case 'WebFormDefined': {
          const { formId, name, source, ownerId, definedAt } = event.data;
          return upsert(stored, collections.webForms, formId, {
            $set: { name, source, ownerId, definedAt, active: true },
          });
        }
        case 'WebFormDisabled':
          return upsert(stored, collections.webForms, event.data.formId, {
            $set: { active: false },
          });
        default:
          return [];
      }
    }),
};
