import { type WorkflowEvent, type WorkflowReactionDeclined, type WorkflowRuleSpec } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';

export type WorkflowRuleState =
  | { status: 'none' }
  | { status: 'enabled' | 'disabled'; ruleId: string; name: string; rule: WorkflowRuleSpec };

export type DefineWorkflowRule = {
  type: 'DefineWorkflowRule';
  ruleId: string;
  name: string;
  rule: WorkflowRuleSpec;
  now: string;
};
export type DisableWorkflowRule = {
  type: 'DisableWorkflowRule';
  ruleId: string;
  reason?: string;
  now: string;
};
export type EnableWorkflowRule = { type: 'EnableWorkflowRule'; ruleId: string; now: string };
/** A reaction the business rules refused: the event's data, less the time it was recorded. */
export type DeclineWorkflowReaction = { type: 'DeclineWorkflowReaction'; now: string } & Omit<
  WorkflowReactionDeclined['data'],
  'declinedAt'
>;
export type WorkflowRuleCommand =
  DefineWorkflowRule | DisableWorkflowRule | EnableWorkflowRule | DeclineWorkflowReaction;

/** How far ahead or back a rule may plan, in days. */
export const maxWorkflowDays = 365;

const days = (value: number, what: string) => {
  if (!Number.isInteger(value) || value < 0 || value > maxWorkflowDays)
    throw violated(
      'invalid-days',
      `${what} must be a whole number of days from 0 to ${maxWorkflowDays}`,
    );
};

const check = (rule: WorkflowRuleSpec): WorkflowRuleSpec => {
  switch (rule.kind) {
    case 'follow-up-on-stage':
      days(rule.afterDays, 'afterDays');
      return rule;
    case 'follow-up-before-offer-expiry':
      days(rule.daysBefore, 'daysBefore');
      return rule;
    case 'assign-tickets-round-robin':
      if (rule.staffIds.length === 0)
        throw violated('staff-required', 'Name the staff members who take turns');
      if (rule.priorities.length === 0)
        throw violated('priorities-required', 'Name the ticket priorities the rule applies to');
      return {
        ...rule,
        staffIds: [...new Set(rule.staffIds)],
        priorities: [...new Set(rule.priorities)],
      };
    case 'expire-offers':
    case 'fill-companies-from-registry':
      return rule;
    default:
      return unreachable(rule);
  }
};

const decide = (command: WorkflowRuleCommand, state: WorkflowRuleState): WorkflowEvent[] => {
  if (command.type === 'DefineWorkflowRule') {
    if (state.status !== 'none') throw alreadyExists('workflow-rule', command.ruleId);
    const { ruleId, name, now } = command;
    return [
      {
        type: 'WorkflowRuleDefined',
        data: { ruleId, name, rule: check(command.rule), definedAt: now },
      },
    ];
  }
  if (state.status === 'none') throw notFound('workflow-rule', command.ruleId);
  switch (command.type) {
    case 'DisableWorkflowRule':
      if (state.status === 'disabled') return [];
      return [
        {
          type: 'WorkflowRuleDisabled',
          data: {
            ruleId: command.ruleId,
            ...(command.reason ? { reason: command.reason } : {}),
            disabledAt: command.now,
          },
        },
      ];
    case 'EnableWorkflowRule':
      if (state.status === 'enabled') return [];
      return [
        { type: 'WorkflowRuleEnabled', data: { ruleId: command.ruleId, enabledAt: command.now } },
      ];
    case 'DeclineWorkflowReaction': {
      const { type: _t, now, ...data } = command;
      return [{ type: 'WorkflowReactionDeclined', data: { ...data, declinedAt: now } }];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: WorkflowRuleState, event: WorkflowEvent): WorkflowRuleState => {
  switch (event.type) {
    case 'WorkflowRuleDefined': {
      const { ruleId, name, rule } = event.data;
      return { status: 'enabled', ruleId, name, rule };
    }
    case 'WorkflowRuleDisabled':
      return state.status === 'none' ? state : { ...state, status: 'disabled' };
    case 'WorkflowRuleEnabled':
      return state.status === 'none' ? state : { ...state, status: 'enabled' };
    case 'WorkflowReactionDeclined':
      return state;
    default:
      return unreachable(event);
  }
};

/** A workflow rule an admin defined: enabled until disabled, and back. */
export const workflowRuleDecider: Decider<WorkflowRuleCommand, WorkflowEvent, WorkflowRuleState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
