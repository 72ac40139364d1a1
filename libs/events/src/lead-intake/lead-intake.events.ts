import { type Event } from '../envelope';

/** A team of staff members that leads can be routed to in turn (round-robin). */
export type TeamDefined = Event<
  'TeamDefined',
  { teamId: string; name: string; memberIds: string[]; definedAt: string }
>;
export type TeamMembersChanged = Event<
  'TeamMembersChanged',
  { teamId: string; memberIds: string[]; previousMemberIds: string[]; changedAt: string }
>;
/** A lead was given to the team member whose turn it was. */
export type TeamTurnTaken = Event<
  'TeamTurnTaken',
  { teamId: string; leadId: string; staffId: string; turn: number; takenAt: string }
>;
export type TeamEvent = TeamDefined | TeamMembersChanged | TeamTurnTaken;

/** Where new leads go: to a member or a team, by their source (fair, web form, phone, …). */
export type RoutingTarget = { staffId: string } | { teamId: string };
export type LeadRoutingRuleDefined = Event<
  'LeadRoutingRuleDefined',
  { ruleId: string; name: string; sources: string[]; assignTo: RoutingTarget; definedAt: string }
>;
export type LeadRoutingRuleRemoved = Event<
  'LeadRoutingRuleRemoved',
  { ruleId: string; removedAt: string }
>;
export type LeadRoutingEvent = LeadRoutingRuleDefined | LeadRoutingRuleRemoved;

/** A public web form feeding leads: its leads carry `source`, unrouted ones go to `ownerId`. */
export type WebFormDefined = Event<
  'WebFormDefined',
  { formId: string; name: string; source: string; ownerId: string; definedAt: string }
>;
export type WebFormDisabled = Event<'WebFormDisabled', { formId: string; disabledAt: string }>;
export type WebFormEvent = WebFormDefined | WebFormDisabled;
