import { type WorkflowEvent, type WorkflowRuleSpec } from '#events';
import { specFor } from '../testing';
import { workflowRuleDecider } from './workflow.decider';

const now = '2026-03-01T09:00:00.000Z';
const rule: WorkflowRuleSpec = {
  kind: 'assign-tickets-round-robin',
  priorities: ['high', 'high'],
  staffIds: ['s1', 's2', 's1'],
};
const defined: WorkflowEvent = {
  type: 'WorkflowRuleDefined',
  data: {
    ruleId: 'r1',
    name: 'Urgent tickets in turn',
    rule: { ...rule, priorities: ['high'], staffIds: ['s1', 's2'] },
    definedAt: now,
  },
};
const disabled: WorkflowEvent = {
  type: 'WorkflowRuleDisabled',
  data: { ruleId: 'r1', reason: 'holidays', disabledAt: now },
};
const spec = specFor(workflowRuleDecider);
const define = {
  type: 'DefineWorkflowRule' as const,
  ruleId: 'r1',
  name: 'Urgent tickets in turn',
  rule,
  now,
};

describe('Workflow rule', () => {
  it('is defined once, with its lists made unique', () => {
    spec([]).when(define).then([defined]);
    spec([defined]).when(define).thenRejectedWith('workflow-rule-exists');
  });
  it('needs staff and priorities to take turns, and sensible day counts', () => {
    spec([])
      .when({ ...define, rule: { ...rule, staffIds: [] } })
      .thenRejectedWith('staff-required');
    spec([])
      .when({ ...define, rule: { ...rule, priorities: [] } })
      .thenRejectedWith('priorities-required');
    const stage: WorkflowRuleSpec = {
      kind: 'follow-up-on-stage',
      pipelineId: 'p1',
      stageId: 'st1',
      activityKind: 'call',
      title: 'Call',
      afterDays: -1,
    };
    spec([])
      .when({ ...define, rule: stage })
      .thenRejectedWith('invalid-days');
    spec([])
      .when({ ...define, rule: { ...stage, afterDays: 2.5 } })
      .thenRejectedWith('invalid-days');
    spec([])
      .when({
        ...define,
        rule: {
          kind: 'follow-up-before-offer-expiry',
          activityKind: 'call',
          title: 'x',
          daysBefore: 366,
        },
      })
      .thenRejectedWith('invalid-days');
  });
  it('is disabled and enabled again; repeating either changes nothing', () => {
    spec([defined])
      .when({ type: 'DisableWorkflowRule', ruleId: 'r1', reason: 'holidays', now })
      .then([disabled]);
    spec([defined, disabled])
      .when({ type: 'DisableWorkflowRule', ruleId: 'r1', now })
      .thenNothingHappened();
    spec([defined, disabled])
      .when({ type: 'EnableWorkflowRule', ruleId: 'r1', now })
      .then([{ type: 'WorkflowRuleEnabled', data: { ruleId: 'r1', enabledAt: now } }]);
    spec([defined]).when({ type: 'EnableWorkflowRule', ruleId: 'r1', now }).thenNothingHappened();
    spec([])
      .when({ type: 'DisableWorkflowRule', ruleId: 'r1', now })
      .thenRejectedWith('workflow-rule-not-found');
  });
  it('records a declined reaction against the rule', () => {
    spec([defined])
      .when({
        type: 'DeclineWorkflowReaction',
        ruleId: 'r1',
        triggerEventId: 'e1',
        triggerType: 'TicketOpened',
        problem: 'ticket-closed',
        detail: 'Ticket t1 is closed',
        now,
      })
      .then([
        {
          type: 'WorkflowReactionDeclined',
          data: {
            ruleId: 'r1',
            triggerEventId: 'e1',
            triggerType: 'TicketOpened',
            problem: 'ticket-closed',
            detail: 'Ticket t1 is closed',
            declinedAt: now,
          },
        },
      ]);
  });
});
