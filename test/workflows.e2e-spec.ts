import { randomUUID } from 'node:crypto';
import { openEventStore } from '#event-store';
import { operational, workflowEngineId } from '#read-models';
import { createReadStore } from '#read-store';
import { appendAll } from '../libs/event-store/src/personal-data/personal-data-fixture';
import { day } from './support/days';
import { readStoreTargets } from './support/read-stores';
import { commands, http, type Ids, queries, type Service, startService } from './support/service';

jest.setTimeout(60_000);

type Entry = {
  eventId: string;
  type: string;
  streamId: string;
  actorId: string;
  causationId: string;
  correlationId: string;
  data: Record<string, unknown>;
};

const until = async <T>(check: () => Promise<T | undefined>, what: string): Promise<T> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.each(readStoreTargets())(
  'workflow rules: sagas over the log, each reaction once, across restarts, on $name',
  (target) => {
    let service: Service;
    beforeAll(async () => {
      const readStoreUrl = await target.setup();
      // The runner's checkpoint lives in the read store.
      service = await startService({
        apps: ['command-api', 'projector', 'query-api', 'workers'],
        ...(readStoreUrl ? { readStoreUrl } : {}),
        env: { WORKFLOW_POLL_MS: '50', MIN_POSITION_WAIT_MS: '10000' },
      });
    }, 60_000);
    afterAll(async () => {
      await service.stop();
      await target.teardown();
    });

    const history = async (customerId: string) => {
      const res = await queries(service).get<{ items?: Entry[] }>(
        `/audit/customers/${customerId}/events?limit=500`,
      );
      // 404 until the audit index has the customer: the callers wait for what they expect.
      return res.body.items ?? [];
    };
    const byRules = (items: Entry[], type: string) =>
      items.filter((e) => e.type === type && e.actorId.startsWith('workflow:'));

    it('schedules follow-ups, assigns tickets in turn and expires offers, once per triggering event', async () => {
      const admin = commands(service);
      const anna = await service.staff('Anna Tamm', ['sales']);
      const mart = await service.staff('Mart Kask', ['sales']);
      const liis = await service.staff('Liis Mets', ['sales']);
      const pipeline = await admin.post<Ids>('/pipelines', {
        name: 'Sales',
        stages: [{ name: 'New' }, { name: 'Proposal' }, { name: 'Negotiation' }],
      });
      const [, proposal] = pipeline.body.stageIds!;

      // Only admins define rules, and a rule must name what exists.
      const rule = (name: string, body: Record<string, unknown>) =>
        admin.post<Ids>('/workflow-rules', { name, rule: body });
      expect(
        (
          await commands(service, anna).post('/workflow-rules', {
            name: 'x',
            rule: { kind: 'expire-offers' },
          })
        ).status,
      ).toBe(403);
      expect((await rule('bad', { kind: 'follow-up-on-stage', stageId: proposal })).status).toBe(
        400,
      );
      expect((await rule('bad', { kind: 'no-such-kind' })).status).toBe(400);
      const missingStage = await rule('bad', {
        kind: 'follow-up-on-stage',
        pipelineId: pipeline.body.id,
        stageId: randomUUID(),
        activityKind: 'call',
        title: 'Call',
        afterDays: 2,
      });
      expect(missingStage.status).toBe(404);
      expect(missingStage.headers.get('content-type')).toContain('application/problem+json');

      const stageRule = await rule('Call two days after the proposal', {
        kind: 'follow-up-on-stage',
        pipelineId: pipeline.body.id,
        stageId: proposal,
        activityKind: 'call',
        title: 'Call about the proposal',
        afterDays: 2,
      });
      expect(stageRule.status).toBe(201);
      const offerRule = await rule('Follow up before the offer expires', {
        kind: 'follow-up-before-offer-expiry',
        activityKind: 'task',
        title: 'Ask about the offer',
        daysBefore: 3,
      });
      const turnRule = await rule('Urgent and high tickets in turn', {
        kind: 'assign-tickets-round-robin',
        priorities: ['urgent', 'high'],
        staffIds: [mart.id, liis.id],
      });
      const expiryRule = await rule('Expire offers', { kind: 'expire-offers' });
      for (const r of [offerRule, turnRule, expiryRule]) expect(r.status).toBe(201);

      const customer = await admin.post<Ids>('/customers', { kind: 'company', name: 'Reegel OÜ' });
      const customerId = customer.body.id;
      const deal = await commands(service, anna).post<Ids>('/deals', {
        customerId,
        pipelineId: pipeline.body.id,
        title: 'Fleet',
        value: { amount: 50_000, currency: 'EUR' },
      });
      const moved = await commands(service, anna).post<Ids>(`/deals/${deal.body.id}/stage`, {
        stageId: proposal,
      });
      expect(moved.status).toBe(200);
      const offer = await commands(service, anna).post<Ids>(`/deals/${deal.body.id}/offers`, {
        lines: [
          { kind: 'service', description: 'Work', quantity: 1, unitPrice: 1000, vatRate: 24 },
        ],
        currency: 'EUR',
        validUntil: day(10),
      });
      expect(offer.status).toBe(201);
      const ticket = (priority: string) =>
        admin.post<Ids>('/tickets', {
          customerId,
          channel: 'email',
          subject: `A ${priority} matter`,
          priority,
        });
      const tickets = [
        await ticket('urgent'),
        await ticket('low'),
        await ticket('high'),
        await ticket('urgent'),
      ];

      // An offer that was valid until yesterday, still open: the rule expires it.
      const events = openEventStore({
        eventStoreUrl: service.eventStoreUrl,
        keyStoreUrl: service.keyStoreUrl,
      });
      const staleOffer = randomUUID();
      await appendAll(events, [
        [
          `deal-${deal.body.id}`,
          {
            type: 'OfferMade',
            data: {
              dealId: deal.body.id,
              customerId,
              offerId: staleOffer,
              version: 1,
              lines: [],
              currency: 'EUR',
              totals: { net: 0, tax: 0, gross: 0, taxes: [] },
              validUntil: day(-1),
              madeAt: new Date().toISOString(),
            },
          },
        ],
      ]);
      await events.close();

      const reacted = await until(async () => {
        const items = await history(customerId);
        const done =
          byRules(items, 'ActivityScheduled').length === 3 &&
          byRules(items, 'TicketReassigned').length === 3 &&
          byRules(items, 'OfferExpired').length === 1;
        return done ? items : undefined;
      }, 'the rules to react');

      // The follow-up on the stage: for the deal's owner, due two days on, caused by the move.
      const stageMove = reacted.find((e) => e.type === 'DealStageMoved')!;
      const activities = byRules(reacted, 'ActivityScheduled');
      const onStage = activities.find((e) => e.causationId === stageMove.eventId)!;
      expect(onStage.data).toMatchObject({
        kind: 'call',
        title: 'Call about the proposal',
        assigneeId: anna.id,
        dealId: deal.body.id,
        timing: { dueOn: day(2) },
      });
      expect(onStage.correlationId).toBe(stageMove.correlationId);
      expect(onStage.actorId).toBe(`workflow:${stageRule.body.id}`);
      // On the timeline the rule is who did it.
      const timeline = await until(async () => {
        const res = await queries(service).get<{
          items?: { eventId: string; actorName: string | null; summary: string }[];
        }>(`/customers/${customerId}/timeline?limit=100`);
        return (res.body.items ?? []).find((e) => e.eventId === onStage.eventId);
      }, 'the follow-up on the timeline');
      expect(timeline).toMatchObject({
        actorName: 'Workflow rule: Call two days after the proposal',
        summary: expect.stringContaining('Call about the proposal') as unknown,
      });
      // The follow-up before the offer expires, and one for the offer that had already expired.
      const made = reacted.filter((e) => e.type === 'OfferMade');
      const onOffer = activities.find((e) => e.causationId === made[0]!.eventId)!;
      expect(onOffer.data).toMatchObject({
        title: 'Ask about the offer',
        timing: { dueOn: day(7) },
      });
      expect(activities.find((e) => e.causationId === made[1]!.eventId)!.data).toMatchObject({
        // Three days before its valid-until, as the fixture dates the offer long before.
        timing: { dueOn: day(-4) },
      });
      // The deal's next action is the earliest follow-up.
      expect(reacted.filter((e) => e.type === 'DealNextActionScheduled').length).toBeGreaterThan(0);

      // Tickets of the rule's priorities in turn; the low one stays where it was.
      const turns = byRules(reacted, 'TicketReassigned');
      expect(turns.map((e) => [e.data['ticketId'], e.data['toStaffId']])).toEqual([
        [tickets[0]!.body.id, mart.id],
        [tickets[2]!.body.id, liis.id],
        [tickets[3]!.body.id, mart.id],
      ]);
      // The stale offer expired, caused by the event that made it; the fresh one is open.
      const expired = byRules(reacted, 'OfferExpired');
      expect(expired[0]!.data['offerId']).toBe(staleOffer);
      expect(expired[0]!.causationId).toBe(made[1]!.eventId);

      // Admins see the rules, with their reactions.
      const listed = await until(async () => {
        const res = await queries(service).get<{
          items: { ruleId: string; reactions: number; enabled: boolean }[];
        }>('/workflow-rules');
        const turnsRule = res.body.items.find((r) => r.ruleId === turnRule.body.id);
        return turnsRule?.reactions === 3 ? res.body : undefined;
      }, 'the reaction counts');
      expect(listed.items).toHaveLength(4);
      expect((await queries(service, anna).get('/workflow-rules')).status).toBe(403);
      const status = await http<{ position: number; rules: { enabled: number } }>(
        'GET',
        `${service.url.workers}/workflows/status`,
      );
      expect(status.body.rules.enabled).toBe(4);

      // A crash after reacting but before the checkpoint: the runner (and the projector) are
      // stopped and the runner's checkpoint lost, so it reads the whole log again. Meanwhile
      // more happens.
      await service.kill('workers');
      await service.kill('projector');
      const reads = createReadStore(service.readStoreUrl);
      await reads.apply(
        [{ kind: 'delete', collection: operational.workflowEngine, id: workflowEngineId }],
        [],
      );
      await reads.close();
      const later = await ticket('high');
      const disabled = await admin.post(`/workflow-rules/${stageRule.body.id}/disable`, {
        reason: 'Calls by hand for now',
      });
      expect(disabled.status).toBe(200);
      const unknownRule = '00000000-0000-4000-8000-00000000000f';
      const none = await admin.post(`/workflow-rules/${unknownRule}/disable`, { reason: 'x' });
      expect([none.status, none.body['type'], none.body['detail']]).toEqual([
        404,
        'urn:kroonika:problem:workflow-rule-not-found',
        `workflow rule ${unknownRule} does not exist`,
      ]);
      const deal2 = await commands(service, anna).post<Ids>('/deals', {
        customerId,
        pipelineId: pipeline.body.id,
        title: 'Second',
        value: { amount: 1000, currency: 'EUR' },
      });
      await commands(service, anna).post(`/deals/${deal2.body.id}/stage`, { stageId: proposal });
      await service.start('projector');
      await service.start('workers');

      const after = await until(async () => {
        const items = await history(customerId);
        return byRules(items, 'TicketReassigned').length >= 4 ? items : undefined;
      }, 'the runner to catch up');
      await new Promise((r) => setTimeout(r, 1000));
      const final = await history(customerId);
      // Each triggering event caused its reaction once: nothing twice, the late ticket once, and
      // no follow-up on the second deal's move, made after its rule was disabled.
      expect(byRules(final, 'ActivityScheduled')).toHaveLength(3);
      expect(byRules(final, 'OfferExpired')).toHaveLength(1);
      expect(byRules(final, 'TicketReassigned').map((e) => e.data['toStaffId'])).toEqual([
        mart.id,
        liis.id,
        mart.id,
        liis.id,
      ]);
      expect(byRules(after, 'TicketReassigned')[3]!.data['ticketId']).toBe(later.body.id);
      const causes = byRules(final, 'ActivityScheduled').map((e) => e.causationId);
      expect(new Set(causes).size).toBe(3);

      // The deal is lost: the follow-ups the rules planned on it are cancelled, by those rules.
      const lost = await commands(service, anna).post(`/deals/${deal.body.id}/lose`, {
        reason: 'price',
      });
      expect(lost.status).toBe(200);
      const cancelled = await until(async () => {
        const items = byRules(await history(customerId), 'ActivityCancelled');
        return items.length === 3 ? items : undefined;
      }, 'the follow-ups of the lost deal to be cancelled');
      expect(cancelled.map((e) => e.data['activityId']).sort()).toEqual(
        byRules(final, 'ActivityScheduled')
          .map((e) => e.data['activityId'])
          .sort(),
      );
      expect(cancelled[0]!.data['reason']).toBe('The deal was lost');
    });

    it('records a reaction the business rules refuse once, and moves on', async () => {
      const admin = commands(service);
      const leaving = await service.staff('Lahkuja', ['sales']);
      const staying = await service.staff('Jääja', ['sales']);
      const turnRule = await admin.post<Ids>('/workflow-rules', {
        name: 'Normal tickets in turn',
        rule: {
          kind: 'assign-tickets-round-robin',
          priorities: ['normal'],
          staffIds: [leaving.id, staying.id],
        },
      });
      expect(turnRule.status).toBe(201);
      const deactivated = await admin.post(`/staff/${leaving.id}/deactivate`, {
        successorId: staying.id,
      });
      expect(deactivated.status).toBe(200);
      const customer = await admin.post<Ids>('/customers', { kind: 'company', name: 'Keeld AS' });
      const first = await admin.post<Ids>('/tickets', {
        customerId: customer.body.id,
        channel: 'phone',
        subject: 'One',
        priority: 'normal',
      });
      const second = await admin.post<Ids>('/tickets', {
        customerId: customer.body.id,
        channel: 'phone',
        subject: 'Two',
        priority: 'normal',
      });
      const rule = await until(async () => {
        const res = await queries(service).get<{
          declined: number;
          reactions: number;
          lastDeclined: { triggerType: string; problem: string } | null;
        }>(`/workflow-rules/${turnRule.body.id}`);
        // The count comes from the runner's checkpoint, the refusal from the projector.
        return res.body.reactions === 2 && res.body.declined > 0 ? res.body : undefined;
      }, 'both reactions');
      expect(rule.declined).toBe(1);
      expect(rule.lastDeclined).toMatchObject({
        triggerType: 'TicketOpened',
        problem: 'staff-deactivated',
      });
      // The audit index may be a moment behind the runner's checkpoint: wait for the reaction.
      const assigned = await until(async () => {
        const found = byRules(await history(customer.body.id), 'TicketReassigned');
        return found.length > 0 ? found : undefined;
      }, 'the reaction in the history');
      expect(assigned.map((e) => [e.data['ticketId'], e.data['toStaffId']])).toEqual([
        [second.body.id, staying.id],
      ]);
      expect(first.status).toBe(201);
    });
  },
);
