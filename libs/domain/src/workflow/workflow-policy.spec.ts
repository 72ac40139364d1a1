import { type KroonikaEvent, type WorkflowRuleSpec } from '#events';
import {
  closedDealFollowUps,
  evolveWorkflowEngine,
  initialEngineState,
  offerExpiries,
  offerFollowUps,
  offerHandled,
  reactionKey,
  registryFills,
  stageFollowUps,
  ticketAssignments,
  type Trigger,
  type WorkflowEngineState,
} from './workflow-policy';

const tz = 'Europe/Tallinn';
let n = 0;
/** An event as the engine reads it from the log. */
const at = (occurredAt: string, event: KroonikaEvent): Trigger => ({
  ...event,
  eventId: `e${++n}`,
  occurredAt,
  correlationId: `c${n}`,
});
const define = (ruleId: string, rule: WorkflowRuleSpec) =>
  at('2026-03-01T08:00:00Z', {
    type: 'WorkflowRuleDefined',
    data: { ruleId, name: ruleId, rule, definedAt: '2026-03-01T08:00:00Z' },
  });
const given = (...events: Trigger[]): WorkflowEngineState =>
  events.reduce(evolveWorkflowEngine, initialEngineState());

const stageRule: WorkflowRuleSpec = {
  kind: 'follow-up-on-stage',
  pipelineId: 'p1',
  stageId: 'proposal',
  activityKind: 'call',
  title: 'Call about the proposal',
  afterDays: 3,
};
const moved = (toStageId: string, occurredAt = '2026-03-02T22:30:00Z') =>
  at(occurredAt, {
    type: 'DealStageMoved',
    data: { dealId: 'd1', customerId: 'c1', fromStageId: 'lead', toStageId, movedAt: occurredAt },
  });
const offer = (validUntil: string, offerId = 'o1', occurredAt = '2026-03-02T10:00:00Z') =>
  at(occurredAt, {
    type: 'OfferMade',
    data: {
      dealId: 'd1',
      customerId: 'c1',
      offerId,
      version: 1,
      lines: [],
      currency: 'EUR',
      totals: { net: 0, tax: 0, gross: 0, taxes: [] },
      validUntil,
      madeAt: occurredAt,
    },
  } as unknown as KroonikaEvent);
const ticket = (priority: 'low' | 'high', ticketId: string) =>
  at('2026-03-02T10:00:00Z', {
    type: 'TicketOpened',
    data: {
      ticketId,
      customerId: 'c1',
      channel: 'email',
      subject: 's',
      priority,
      assigneeId: 'x',
      sla: { firstResponseDue: '', resolutionDue: '' },
      openedAt: '2026-03-02T10:00:00Z',
    },
  });

describe('Workflow policies', () => {
  it('given a stage rule, when a deal enters that stage, then a call is due N days later in local time', () => {
    const state = given(define('r1', stageRule));
    const trigger = moved('proposal');
    const [reaction, ...more] = stageFollowUps(state, trigger, tz);
    expect(more).toEqual([]);
    // 22:30 UTC on 2 March is already 3 March in Tallinn.
    expect(reaction).toMatchObject({
      kind: 'schedule-activity',
      ruleId: 'r1',
      dealId: 'd1',
      customerId: 'c1',
      activityKind: 'call',
      dueOn: '2026-03-06',
      cause: { eventId: trigger.eventId, type: 'DealStageMoved' },
    });
    expect(reactionKey(reaction!)).toBe(`workflow:r1:${trigger.eventId}`);
    expect(stageFollowUps(state, moved('won'), tz)).toEqual([]);
  });
  it('given no rule yet, or a disabled one, nothing reacts', () => {
    expect(stageFollowUps(given(), moved('proposal'), tz)).toEqual([]);
    const disabled = given(
      define('r1', stageRule),
      at('2026-03-01T09:00:00Z', {
        type: 'WorkflowRuleDisabled',
        data: { ruleId: 'r1', disabledAt: '2026-03-01T09:00:00Z' },
      }),
    );
    expect(stageFollowUps(disabled, moved('proposal'), tz)).toEqual([]);
  });
  it('given an offer rule, the follow-up is due before valid-until, never before today', () => {
    const state = given(
      define('r2', {
        kind: 'follow-up-before-offer-expiry',
        activityKind: 'task',
        title: 'Ask about the offer',
        daysBefore: 2,
      }),
    );
    expect(offerFollowUps(state, offer('2026-03-20'), tz)).toMatchObject([
      { kind: 'schedule-activity', dueOn: '2026-03-18', title: 'Ask about the offer' },
    ]);
    expect(offerFollowUps(state, offer('2026-03-03'), tz)).toMatchObject([{ dueOn: '2026-03-02' }]);
  });
  it('given a round-robin rule, tickets of its priorities go to the staff in turn', () => {
    const rule = define('r3', {
      kind: 'assign-tickets-round-robin',
      priorities: ['high'],
      staffIds: ['s1', 's2'],
    });
    let state = given(rule);
    const assigned: string[] = [];
    for (const [i, priority] of (['high', 'low', 'high', 'high'] as const).entries()) {
      const t = ticket(priority, `t${i}`);
      for (const r of ticketAssignments(state, t))
        if (r.kind === 'assign-ticket') assigned.push(r.staffId);
      state = evolveWorkflowEngine(state, t);
    }
    expect(assigned).toEqual(['s1', 's2', 's1']);
    expect(state.turns).toEqual({ r3: 3 });
  });
  it('given a registry rule, a company registered with a code is looked up; others are not', () => {
    const state = given(define('r5', { kind: 'fill-companies-from-registry' }));
    const registered = (kind: 'company' | 'person', registryCode?: string) =>
      at('2026-03-02T10:00:00Z', {
        type: 'CustomerRegistered',
        data: {
          customerId: 'c9',
          kind,
          name: 'Firma',
          ...(registryCode ? { registryCode } : {}),
          ownerId: 's1',
          registeredAt: '2026-03-02T10:00:00Z',
        },
      } as unknown as KroonikaEvent);
    expect(registryFills(state, registered('company', '14012345'))).toMatchObject([
      { kind: 'fetch-registry-data', ruleId: 'r5', customerId: 'c9', registryCode: '14012345' },
    ]);
    expect(registryFills(state, registered('company'))).toEqual([]);
    expect(registryFills(state, registered('person', '14012345'))).toEqual([]);
  });
  it('given an expiry rule, open offers past valid-until expire, accepted ones do not', () => {
    const made = offer('2026-03-05', 'o1');
    let state = given(
      define('r4', { kind: 'expire-offers' }),
      made,
      offer('2026-03-10', 'o2'),
      offer('2026-03-04', 'o3'),
      at('2026-03-03T10:00:00Z', {
        type: 'OfferAccepted',
        data: {
          dealId: 'd1',
          customerId: 'c1',
          offerId: 'o3',
          version: 1,
          currency: 'EUR',
          totals: { net: 0, tax: 0, gross: 0, taxes: [] },
          acceptedAt: '2026-03-03T10:00:00Z',
        },
      } as unknown as KroonikaEvent),
    );
    expect(offerExpiries(state, '2026-03-05')).toEqual([]);
    expect(offerExpiries(state, '2026-03-06')).toEqual([
      {
        kind: 'expire-offer',
        ruleId: 'r4',
        dealId: 'd1',
        offerId: 'o1',
        cause: { eventId: made.eventId, type: 'OfferMade', correlationId: made.correlationId },
      },
    ]);
    state = offerHandled(state, 'o1');
    expect(offerExpiries(state, '2026-03-06')).toEqual([]);
    expect(offerExpiries(given(made), '2026-03-06')).toEqual([]);
  });

  it('given follow-ups a rule scheduled on a deal, when the deal is lost, then the planned ones are cancelled by that rule', () => {
    const scheduled = (activityId: string, actorId: string, dealId = 'd1'): Trigger => ({
      ...at('2026-03-02T10:00:00Z', {
        type: 'ActivityScheduled',
        data: {
          activityId,
          customerId: 'c1',
          kind: 'call',
          title: 'Offer expires soon — call',
          timing: { dueOn: '2026-03-09' },
          dealId,
          assigneeId: 's1',
          scheduledAt: '2026-03-02T10:00:00Z',
        },
      }),
      actorId,
    });
    const done = at('2026-03-03T10:00:00Z', {
      type: 'ActivityCompleted',
      data: {
        activityId: 'a2',
        customerId: 'c1',
        outcome: 'called',
        minutesSpent: 5,
        completedAt: '2026-03-03T10:00:00Z',
      },
    });
    const state = given(
      scheduled('a1', 'workflow:r1'),
      scheduled('a2', 'workflow:r1'),
      scheduled('a3', 's1'),
      scheduled('a4', 'workflow:r2', 'd2'),
      done,
    );
    const lost = at('2026-03-04T10:00:00Z', {
      type: 'DealLost',
      data: { dealId: 'd1', customerId: 'c1', reason: 'price', lostAt: '2026-03-04T10:00:00Z' },
    });
    expect(closedDealFollowUps(state, lost)).toEqual([
      {
        kind: 'cancel-activity',
        ruleId: 'r1',
        activityId: 'a1',
        reason: 'The deal was lost',
        cause: { eventId: lost.eventId, type: 'DealLost', correlationId: lost.correlationId },
      },
    ]);
    // A checkpoint from before follow-ups were kept has none to cancel.
    expect(closedDealFollowUps({ rules: {}, turns: {}, openOffers: {} }, lost)).toEqual([]);
  });
});
