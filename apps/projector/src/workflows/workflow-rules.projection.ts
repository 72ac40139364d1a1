import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Workflow rules for admins: definition, on or off, and the reactions that were declined. */
export const workflowRulesProjection: Projection = {
  name: projections.workflowRules,
  indexes: [[collections.workflowRules, ['enabled']]],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'WorkflowRuleDefined': {
          const { ruleId, name, rule, definedAt } = event.data;
          return upsert(stored, collections.workflowRules, ruleId, {
            $set: { name, rule, enabled: true, definedAt, changedAt: definedAt },
            $setOnInsert: { declined: 0, lastDeclined: null },
          });
        }
        case 'WorkflowRuleDisabled':
          return upsert(stored, collections.workflowRules, event.data.ruleId, {
            $set: { enabled: false, changedAt: event.data.disabledAt },
          });
        case 'WorkflowRuleEnabled':
          return upsert(stored, collections.workflowRules, event.data.ruleId, {
            $set: { enabled: true, changedAt: event.data.enabledAt },
          });
        case 'WorkflowReactionDeclined': {
          const { ruleId, triggerEventId, triggerType, problem, detail, declinedAt } = event.data;
          return upsert(stored, collections.workflowRules, ruleId, {
            $inc: { declined: 1 },
            $set: {
              lastDeclined: { triggerEventId, triggerType, problem, detail, at: declinedAt },
            },
          });
        }
        default:
          return [];
      }
    }),
};
