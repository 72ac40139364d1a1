import { type ActivityKind, type KroonikaEvent, type WorkflowRuleSpec } from '#events';
import { addDays, localDay } from '../ticket/business-hours';

/**
 * The workflow rules as policies: what each rule does in reply to an event from the log, and
 * the little state the rules need (which rules exist, whose turn it is, which offers are
 * open). Everything here follows from the log alone, so replaying it gives the same reactions,
 * and each reaction is named by its rule and the event that caused it.
 */

export type EngineRule = { name: string; rule: WorkflowRuleSpec; enabled: boolean };
export type OpenOffer = {
  dealId: string;
  offerId: string;
  validUntil: string;
  /** The event that set this valid-until: the cause of expiring it. */
  cause: Cause;
};
/** An activity a rule scheduled on a deal, still planned. */
export type RuleFollowUp = { activityId: string; dealId: string; ruleId: string };

export type WorkflowEngineState = {
  rules: Record<string, EngineRule>;
  /** Round-robin turns taken per rule. */
  turns: Record<string, number>;
  openOffers: Record<string, OpenOffer>;
  /** The rules' follow-ups still planned, by activity (absent in checkpoints from before). */
  followUps?: Record<string, RuleFollowUp>;
};

/** An event as read from the log: its id, time, correlation and actor besides its data. */
export type Trigger = KroonikaEvent & {
  eventId: string;
  occurredAt: string;
  correlationId: string;
  actorId?: string;
};
export type Cause = { eventId: string; type: string; correlationId: string };

export type Reaction =
  | {
      kind: 'schedule-activity';
      ruleId: string;
      cause: Cause;
      customerId: string;
      dealId: string;
      activityKind: ActivityKind;
      title: string;
      dueOn: string;
    }
  | { kind: 'assign-ticket'; ruleId: string; cause: Cause; ticketId: string; staffId: string }
  | { kind: 'expire-offer'; ruleId: string; cause: Cause; dealId: string; offerId: string }
  | {
      kind: 'fetch-registry-data';
      ruleId: string;
      cause: Cause;
      customerId: string;
      registryCode: string;
    }
  | { kind: 'cancel-activity'; ruleId: string; cause: Cause; activityId: string; reason: string };

/** Who a rule's reactions are recorded as done by: the rule itself. */
export const workflowActorId = (ruleId: string): string => `workflow:${ruleId}`;

/** The idempotency key of a reaction: one per rule and causing event. */
export const reactionKey = (reaction: Reaction): string =>
  `workflow:${reaction.ruleId}:${reaction.cause.eventId}`;

export const initialEngineState = (): WorkflowEngineState => ({
  rules: {},
  turns: {},
  openOffers: {},
  followUps: {},
});

const ruleOfActor = (actorId: string | undefined): string | undefined =>
  actorId?.startsWith('workflow:') ? actorId.slice('workflow:'.length) : undefined;

const causeOf = (t: Trigger): Cause => ({
  eventId: t.eventId,
  type: t.type,
  correlationId: t.correlationId,
});

type RuleOf<K extends WorkflowRuleSpec['kind']> = Extract<WorkflowRuleSpec, { kind: K }>;

const enabled = <K extends WorkflowRuleSpec['kind']>(state: WorkflowEngineState, kind: K) =>
  Object.entries(state.rules).flatMap(([ruleId, r]) =>
    r.enabled && r.rule.kind === kind ? [{ ruleId, rule: r.rule as RuleOf<K> }] : [],
  );

/** The stage a deal event puts the deal in, if it moves it into one. */
const enteredStage = (
  t: Trigger,
): { dealId: string; customerId: string; stageId: string } | undefined => {
  switch (t.type) {
    case 'DealOpened':
    case 'DealReopened':
      return { dealId: t.data.dealId, customerId: t.data.customerId, stageId: t.data.stageId };
    case 'DealStageMoved':
    case 'DealMovedToPipeline':
      return { dealId: t.data.dealId, customerId: t.data.customerId, stageId: t.data.toStageId };
    default:
      return undefined;
  }
};

/** "When a deal enters stage X, schedule an activity for its owner in N days." */
export const stageFollowUps = (
  state: WorkflowEngineState,
  t: Trigger,
  timeZone: string,
): Reaction[] => {
  const entered = enteredStage(t);
  if (!entered) return [];
  const day = localDay(Date.parse(t.occurredAt), timeZone);
  return enabled(state, 'follow-up-on-stage')
    .filter(({ rule }) => rule.stageId === entered.stageId)
    .map(({ ruleId, rule }) => ({
      kind: 'schedule-activity',
      ruleId,
      cause: causeOf(t),
      customerId: entered.customerId,
      dealId: entered.dealId,
      activityKind: rule.activityKind,
      title: rule.title,
      dueOn: addDays(day, rule.afterDays),
    }));
};

/** "When an offer is made, schedule a follow-up N days before it expires." */
export const offerFollowUps = (
  state: WorkflowEngineState,
  t: Trigger,
  timeZone: string,
): Reaction[] => {
  if (t.type !== 'OfferMade') return [];
  const day = localDay(Date.parse(t.occurredAt), timeZone);
  return enabled(state, 'follow-up-before-offer-expiry').map(({ ruleId, rule }) => {
    const before = addDays(t.data.validUntil, -rule.daysBefore);
    return {
      kind: 'schedule-activity',
      ruleId,
      cause: causeOf(t),
      customerId: t.data.customerId,
      dealId: t.data.dealId,
      activityKind: rule.activityKind,
      title: rule.title,
      dueOn: before < day ? day : before,
    };
  });
};

/**
 * "A deal that closes needs no more follow-ups": when a deal is won or lost, the activities
 * rules scheduled on it and still planned are cancelled, each by the rule that scheduled it.
 * (What staff planned themselves stays theirs to cancel.)
 */
export const closedDealFollowUps = (state: WorkflowEngineState, t: Trigger): Reaction[] => {
  if (t.type !== 'DealWon' && t.type !== 'DealLost') return [];
  const outcome = t.type === 'DealWon' ? 'won' : 'lost';
  return Object.values(state.followUps ?? {})
    .filter((f) => f.dealId === t.data.dealId)
    .map((f) => ({
      kind: 'cancel-activity',
      ruleId: f.ruleId,
      cause: causeOf(t),
      activityId: f.activityId,
      reason: `The deal was ${outcome}`,
    }));
};

const roundRobinRules = (state: WorkflowEngineState, t: Trigger) =>
  t.type === 'TicketOpened'
    ? enabled(state, 'assign-tickets-round-robin').filter(({ rule }) =>
        rule.priorities.includes(t.data.priority),
      )
    : [];

/** "When a ticket is opened with priority P, assign it round-robin." */
export const ticketAssignments = (state: WorkflowEngineState, t: Trigger): Reaction[] =>
  t.type === 'TicketOpened'
    ? roundRobinRules(state, t).map(({ ruleId, rule }) => ({
        kind: 'assign-ticket',
        ruleId,
        cause: causeOf(t),
        ticketId: t.data.ticketId,
        staffId: rule.staffIds[(state.turns[ruleId] ?? 0) % rule.staffIds.length]!,
      }))
    : [];

/** "When a company is registered with a registry code, fill it in from the registry." */
export const registryFills = (state: WorkflowEngineState, t: Trigger): Reaction[] => {
  if (t.type !== 'CustomerRegistered' || t.data.kind !== 'company' || !t.data.registryCode)
    return [];
  const { customerId, registryCode } = t.data;
  return enabled(state, 'fill-companies-from-registry').map(({ ruleId }) => ({
    kind: 'fetch-registry-data',
    ruleId,
    cause: causeOf(t),
    customerId,
    registryCode,
  }));
};

/**
 * "When an offer's valid-until passes, expire it": the open offers valid until before
 * `today`, under the first enabled rule of that kind (one expiry is enough).
 */
export const offerExpiries = (state: WorkflowEngineState, today: string): Reaction[] => {
  const [first] = enabled(state, 'expire-offers');
  if (!first) return [];
  return Object.values(state.openOffers)
    .filter((o) => o.validUntil < today)
    .map((o) => ({
      kind: 'expire-offer',
      ruleId: first.ruleId,
      cause: o.cause,
      dealId: o.dealId,
      offerId: o.offerId,
    }));
};

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = record;
  return rest;
};

/** The engine's state after an event: rules, turns taken, open offers. */
export const evolveWorkflowEngine = (
  state: WorkflowEngineState,
  t: Trigger,
): WorkflowEngineState => {
  switch (t.type) {
    case 'WorkflowRuleDefined':
      return {
        ...state,
        rules: {
          ...state.rules,
          [t.data.ruleId]: { name: t.data.name, rule: t.data.rule, enabled: true },
        },
      };
    case 'WorkflowRuleDisabled':
    case 'WorkflowRuleEnabled': {
      const rule = state.rules[t.data.ruleId];
      if (!rule) return state;
      const on = t.type === 'WorkflowRuleEnabled';
      return { ...state, rules: { ...state.rules, [t.data.ruleId]: { ...rule, enabled: on } } };
    }
    case 'TicketOpened': {
      const turns = { ...state.turns };
      for (const { ruleId } of roundRobinRules(state, t)) turns[ruleId] = (turns[ruleId] ?? 0) + 1;
      return { ...state, turns };
    }
    case 'OfferMade':
    case 'OfferRevised': {
      const { dealId, offerId, validUntil } = t.data;
      return {
        ...state,
        openOffers: {
          ...state.openOffers,
          [offerId]: { dealId, offerId, validUntil, cause: causeOf(t) },
        },
      };
    }
    case 'OfferAccepted':
    case 'OfferRejected':
    case 'OfferExpired':
      return { ...state, openOffers: without(state.openOffers, t.data.offerId) };
    case 'ActivityScheduled': {
      const ruleId = ruleOfActor(t.actorId);
      const { activityId, dealId } = t.data;
      if (!ruleId || !dealId) return state;
      return {
        ...state,
        followUps: { ...state.followUps, [activityId]: { activityId, dealId, ruleId } },
      };
    }
    case 'ActivityCompleted':
    case 'ActivityCancelled':
      return state.followUps?.[t.data.activityId]
        ? { ...state, followUps: without(state.followUps, t.data.activityId) }
        : state;
    default:
      return state;
  }
};

/** The state once an offer's expiry was handled (expired, or declined for good). */
export const offerHandled = (state: WorkflowEngineState, offerId: string): WorkflowEngineState => ({
  ...state,
  openOffers: without(state.openOffers, offerId),
});
