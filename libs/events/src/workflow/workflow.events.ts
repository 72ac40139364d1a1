import { type ActivityKind } from '../activity/activity.events';
import { type Event } from '../envelope';
import { type TicketPriority } from '../ticket/ticket.events';

/**
 * What a workflow rule does, by kind:
 * - `follow-up-on-stage`: when a deal enters the stage, an activity for the deal's owner,
 *   due `afterDays` business-calendar days later;
 * - `follow-up-before-offer-expiry`: when an offer is made, an activity for the deal's owner
 *   `daysBefore` days before the offer's valid-until (or on the day it is made, if sooner);
 * - `assign-tickets-round-robin`: a ticket opened with one of the priorities is assigned to
 *   the listed staff members in turn;
 * - `expire-offers`: an open offer whose valid-until has passed is expired;
 * - `fill-companies-from-registry`: a company registered with a registry code is filled in
 *   from the business registry.
 */
export type WorkflowRuleSpec =
  | {
      kind: 'follow-up-on-stage';
      pipelineId: string;
      stageId: string;
      activityKind: ActivityKind;
      title: string;
      afterDays: number;
    }
  | {
      kind: 'follow-up-before-offer-expiry';
      activityKind: ActivityKind;
      title: string;
      daysBefore: number;
    }
  | { kind: 'assign-tickets-round-robin'; priorities: TicketPriority[]; staffIds: string[] }
  | { kind: 'expire-offers' }
  | { kind: 'fill-companies-from-registry' };

export type WorkflowRuleKind = WorkflowRuleSpec['kind'];
export const workflowRuleKinds: readonly WorkflowRuleKind[] = [
  'follow-up-on-stage',
  'follow-up-before-offer-expiry',
  'assign-tickets-round-robin',
  'expire-offers',
  'fill-companies-from-registry',
];

/** An admin defined a rule; it applies to what happens after it, in log order. */
export type WorkflowRuleDefined = Event<
  'WorkflowRuleDefined',
  { ruleId: string; name: string; rule: WorkflowRuleSpec; definedAt: string }
>;
export type WorkflowRuleDisabled = Event<
  'WorkflowRuleDisabled',
  { ruleId: string; reason?: string; disabledAt: string }
>;
export type WorkflowRuleEnabled = Event<
  'WorkflowRuleEnabled',
  { ruleId: string; enabledAt: string }
>;
/**
 * A rule's reaction was refused by the business rules (the ticket was closed, the offer
 * accepted, the owner left): recorded once, and the rule moves on.
 */
export type WorkflowReactionDeclined = Event<
  'WorkflowReactionDeclined',
  {
    ruleId: string;
    triggerEventId: string;
    triggerType: string;
    problem: string;
    detail: string;
    declinedAt: string;
  }
>;

export type WorkflowEvent =
  WorkflowRuleDefined | WorkflowRuleDisabled | WorkflowRuleEnabled | WorkflowReactionDeclined;
