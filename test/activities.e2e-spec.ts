import { todayIn } from '../libs/platform/src/today';
import { commands, type Ids, queries, type Service, startService } from './support/service';
import { shiftDay } from './support/days';
import { cliEnv, cliWith } from './support/cli';
import { until } from './support/until';
import { SqliteEventStore } from '#event-store';

type Problem = { type: string };
type Board = {
  stages: {
    cards: { dealId: string; nextAction: { dueOn: string; description: string } | null }[];
  }[];
};

describe('activities over HTTP and the deal next action they drive', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService();
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('schedules, reschedules, delegates, completes and logs, keeping the next action right', async () => {
    const anna = await service.staff('Anna Müük', ['sales']);
    const ben = await service.staff('Ben Abi', ['sales']);
    const c = commands(service, anna);
    const q = queries(service);
    const today = todayIn('UTC', new Date())!;
    const pipeline = await commands(service).post<Ids>('/pipelines', {
      name: 'P',
      stages: [{ name: 'A' }],
    });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Tegevus OÜ' });
    const contact = await c.post<Ids>(`/customers/${customer.body.id}/contacts`, {
      name: 'Kati Kontakt',
    });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Deal',
      value: { amount: 1000, currency: 'EUR' },
    });
    const card = async (after: number) => {
      const board = await q.get<Board>(`/pipelines/${pipeline.body.id}/board?tz=UTC`, after);
      return board.body.stages[0]!.cards.find((x) => x.dealId === deal.body.id)!;
    };

    const call = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      dealId: deal.body.id,
      kind: 'call',
      title: 'Call about the offer',
      dueOn: shiftDay(today, 5),
      participants: [
        { kind: 'contact', id: contact.body.contactId },
        { kind: 'staff', id: ben.id },
      ],
    });
    expect(call.status).toBe(201);
    expect((await card(call.body.position)).nextAction).toMatchObject({
      dueOn: shiftDay(today, 5),
      description: 'Call about the offer',
    });
    const later = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      dealId: deal.body.id,
      kind: 'meeting',
      title: 'Contract signing',
      startsAt: `${shiftDay(today, 9)}T10:00:00Z`,
      endsAt: `${shiftDay(today, 9)}T11:00:00Z`,
    });
    expect((await card(later.body.position)).nextAction!.description).toBe('Call about the offer');
    const moved = await c.post<Ids>(`/activities/${call.body.id}/reschedule`, {
      dueOn: shiftDay(today, 2),
      reason: 'customer asked',
    });
    expect((await card(moved.body.position)).nextAction!.dueOn).toBe(shiftDay(today, 2));
    expect(
      (
        await c.post(`/activities/${call.body.id}/delegate`, {
          assigneeId: ben.id,
          reason: 'holiday',
        })
      ).status,
    ).toBe(200);
    const done = await c.post<Ids>(`/activities/${call.body.id}/complete`, {
      outcome: 'Agreed to sign',
      minutesSpent: 25,
    });
    expect(done.status).toBe(200);
    expect((await card(done.body.position)).nextAction).toBeNull();
    // The minutes count for the deal too, named as it is called now.
    const byDeal = await q.get<{ items: unknown[] }>(
      `/reports/time-spent?by=deal&ref=${deal.body.id}&from=${shiftDay(today, -1)}&to=${shiftDay(today, 1)}`,
      done.body.position,
    );
    expect(byDeal.body.items).toEqual([
      { dealId: deal.body.id, name: 'Deal', minutes: 25, activities: 1 },
    ]);
    const twice = await c.post<Problem>(`/activities/${call.body.id}/complete`, {
      outcome: 'again',
      minutesSpent: 1,
    });
    expect([twice.status, twice.body.type]).toEqual([409, 'urn:kroonika:problem:activity-closed']);

    const logged = await c.post<Ids>('/activities/log', {
      customerId: customer.body.id,
      kind: 'call',
      summary: 'Customer called about delivery',
      minutesSpent: 8,
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
    });
    expect(logged.status).toBe(201);
    // A deal's activities, a kind's: the call and the meeting on the deal, not the logged call.
    type Listed = { items: { activityId: string }[] };
    const ids = async (filter: string) =>
      (await q.get<Listed>(`/activities?${filter}`, logged.body.position)).body.items.map(
        (a) => a.activityId,
      );
    expect(await ids(`dealId=${deal.body.id}`)).toEqual([call.body.id, later.body.id]);
    expect(await ids(`customerId=${customer.body.id}&kind=meeting`)).toEqual([later.body.id]);
    expect((await q.get<Problem>('/activities?kind=lunch')).status).toBe(400);
    const future = await c.post<Problem>('/activities/log', {
      customerId: customer.body.id,
      kind: 'call',
      summary: 'x',
      minutesSpent: 1,
      occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.body.type).toBe('urn:kroonika:problem:interaction-in-future');
    const stranger = await c.post<Problem>('/activities', {
      customerId: customer.body.id,
      kind: 'meeting',
      title: 'x',
      dueOn: today,
      participants: [{ kind: 'contact', id: '00000000-0000-4000-8000-000000000000' }],
    });
    expect([stranger.status, stranger.body.type]).toEqual([
      404,
      'urn:kroonika:problem:contact-not-found',
    ]);

    const timeline = await q.get<{ items: { summary: string }[] }>(
      `/customers/${customer.body.id}/timeline?limit=50`,
      logged.body.position,
    );
    expect(timeline.body.items.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        `Call scheduled for ${shiftDay(today, 5)}: Call about the offer, assigned to Anna Müük`,
        `Activity rescheduled from ${shiftDay(today, 5)} to ${shiftDay(today, 2)}: customer asked`,
        'Activity reassigned from Anna Müük to Ben Abi: holiday',
        'Activity completed in 25 min: Agreed to sign',
        'Next action cleared: done: Agreed to sign',
        'Call logged (8 min): Customer called about delivery',
      ]),
    );
  });

  it('refuses a time whose day some zone would write past 9999 (400), so nothing is filed on a malformed day or shown overdue', async () => {
    const c = commands(service);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Kauge OÜ' });
    const store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
    try {
      const head = await store.headPosition();
      const refused = await c.post<Problem & { detail: string }>('/activities', {
        customerId: customer.body.id,
        kind: 'meeting',
        title: 'In the year 10000 in UTC',
        startsAt: '9999-12-31T23:00:00-11:00',
        endsAt: '9999-12-31T23:30:00-11:00',
      });
      expect([refused.status, refused.body.type]).toEqual([
        400,
        'urn:kroonika:problem:invalid-input',
      ]);
      expect(refused.body.detail).toContain('from 1000-01-02 to 9999-12-30 in UTC');
      expect(await store.headPosition()).toBe(head);
      // The last day itself is a day like any other.
      const task = await c.post<Ids>('/activities', {
        customerId: customer.body.id,
        kind: 'task',
        title: 'On the last day',
        dueOn: '9999-12-31',
      });
      const listed = await queries(service).get<{ items: { day: string; overdue: boolean }[] }>(
        `/activities?customerId=${customer.body.id}`,
        task.body.position,
      );
      expect(listed.body.items).toEqual([
        expect.objectContaining({ day: '9999-12-31', overdue: false }),
      ]);
    } finally {
      await store.close();
    }
  });

  it('plans nothing on a closed deal, yet logs what happened on it', async () => {
    const c = commands(service);
    const pipeline = await c.post<Ids>('/pipelines', { name: 'Closed', stages: [{ name: 'A' }] });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Suletud OÜ' });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Lost one',
      value: { amount: 500, currency: 'EUR' },
    });
    expect((await c.post(`/deals/${deal.body.id}/lose`, { reason: 'price' })).status).toBe(200);
    const planned = await c.post<Problem>('/activities', {
      customerId: customer.body.id,
      dealId: deal.body.id,
      kind: 'call',
      title: 'Offer expires soon — call',
      dueOn: shiftDay(todayIn('UTC', new Date())!, 2),
    });
    expect([planned.status, planned.body.type]).toEqual([409, 'urn:kroonika:problem:deal-closed']);
    const logged = await c.post<Ids>('/activities/log', {
      customerId: customer.body.id,
      dealId: deal.body.id,
      kind: 'call',
      summary: 'They chose another supplier',
      minutesSpent: 5,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(logged.status).toBe(201);
  });

  it("shows a meeting in each participant's calendar, with who takes part", async () => {
    const host = await service.staff('Mari Kalender', ['sales']);
    const guest = await service.staff('Jaan Osaleja', ['sales']);
    const c = commands(service, host);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Kalender OÜ' });
    const contact = await c.post<Ids>(`/customers/${customer.body.id}/contacts`, {
      name: 'Kati Klient',
    });
    const day = shiftDay(todayIn('UTC', new Date())!, 3);
    const meeting = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      kind: 'meeting',
      title: 'Quarterly review',
      startsAt: `${day}T09:00:00Z`,
      endsAt: `${day}T10:00:00Z`,
      participants: [
        { kind: 'staff', id: guest.id },
        { kind: 'contact', id: contact.body.contactId },
      ],
    });
    expect(meeting.status).toBe(201);
    type Calendar = {
      items: { activityId: string; assigneeId: string; participants: unknown[] }[];
    };
    const calendarOf = async (staffId: string) =>
      (
        await queries(service).get<Calendar>(
          `/activities?assigneeId=${staffId}&from=${day}&to=${day}`,
          meeting.body.position,
        )
      ).body.items.map((a) => a.activityId);
    expect(await calendarOf(guest.id)).toEqual([meeting.body.id]);
    expect(await calendarOf(host.id)).toEqual([meeting.body.id]);
    const listed = await queries(service).get<Calendar>(
      `/activities?assigneeId=${guest.id}`,
      meeting.body.position,
    );
    expect(listed.body.items[0]).toMatchObject({
      assigneeId: host.id,
      participants: [
        { kind: 'staff', id: guest.id },
        { kind: 'contact', id: contact.body.contactId },
      ],
    });
    // Delegated, it leaves the host's calendar and joins the new assignee's; the guest keeps it.
    const deputy = await service.staff('Kati Asendaja', ['sales']);
    const delegated = await c.post<Ids>(`/activities/${meeting.body.id}/delegate`, {
      assigneeId: deputy.id,
      reason: 'holiday',
    });
    expect(delegated.status).toBe(200);
    const onDay = async (staffId: string) =>
      (
        await queries(service).get<Calendar>(
          `/activities?assigneeId=${staffId}&from=${day}&to=${day}`,
          delegated.body.position,
        )
      ).body.items.map((a) => a.activityId);
    expect(await onDay(host.id)).toEqual([]);
    expect(await onDay(deputy.id)).toEqual([meeting.body.id]);
    expect(await onDay(guest.id)).toEqual([meeting.body.id]);
  });
});

describe("activities on the business's days (DEFAULT_TIMEZONE=Europe/Tallinn)", () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({
      apps: ['command-api', 'query-api', 'projector'],
      env: { DEFAULT_TIMEZONE: 'Europe/Tallinn' },
    });
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('files a meeting at 00:30 and a call at 01:00 in Tallinn on that day there: calendar, next action, portfolio, time spent', async () => {
    const anna = await service.staff('Anna Night', ['sales']);
    const c = commands(service, anna);
    const q = queries(service);
    const pipeline = await commands(service).post<Ids>('/pipelines', {
      name: 'Öö',
      stages: [{ name: 'A' }],
    });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Öölaul OÜ' });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Launch',
      value: { amount: 1000, currency: 'EUR' },
    });
    // 22:30 UTC is 00:30 (winter) or 01:30 (summer) of the next day in Tallinn.
    const utcDay = shiftDay(todayIn('UTC', new Date())!, 3);
    const tallinnDay = shiftDay(utcDay, 1);
    const meeting = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      dealId: deal.body.id,
      kind: 'meeting',
      title: 'Night launch',
      startsAt: `${utcDay}T22:30:00Z`,
      endsAt: `${utcDay}T23:30:00Z`,
    });
    expect(meeting.status).toBe(201);
    const at = meeting.body.position;
    type Listed = { items: { activityId: string; day: string }[] };
    const calendar = await q.get<Listed>(`/activities?customerId=${customer.body.id}`, at);
    expect(calendar.body.items.map((a) => [a.activityId, a.day])).toEqual([
      [meeting.body.id, tallinnDay],
    ]);
    const shown = await q.get<{ nextAction: { dueOn: string } | null }>(
      `/deals/${deal.body.id}`,
      at,
    );
    expect(shown.body.nextAction).toMatchObject({ dueOn: tallinnDay });
    const portfolio = await q.get<{ activities: { itemId: string; dueOn: string }[] }>(
      `/staff/${anna.id}/portfolio`,
      at,
    );
    expect(portfolio.body.activities).toEqual([
      expect.objectContaining({ itemId: meeting.body.id, dueOn: tallinnDay }),
    ]);

    // 23:00 UTC on 10 January is 01:00 on 11 January in Tallinn.
    const call = await c.post<Ids>('/activities/log', {
      customerId: customer.body.id,
      kind: 'call',
      summary: 'Late call',
      minutesSpent: 15,
      occurredAt: '2026-01-10T23:00:00Z',
    });
    expect(call.status).toBe(201);
    type Spent = { items: { customerId: string; minutes: number }[] };
    const spentOn = async (day: string) =>
      (
        await q.get<Spent>(
          `/reports/time-spent?by=customer&ref=${customer.body.id}&from=${day}&to=${day}`,
          call.body.position,
        )
      ).body.items;
    expect(await spentOn('2026-01-11')).toEqual([
      expect.objectContaining({ customerId: customer.body.id, minutes: 15 }),
    ]);
    expect(await spentOn('2026-01-10')).toEqual([]);
  });

  it('refiles what happened on the days of a new time zone when the business moves to it, and compares under the zone the read models were filed in', async () => {
    const c = commands(service, await service.staff('Mari Move', ['sales']));
    const q = queries(service);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Kolija OÜ' });
    // 22:30 UTC on 14 March is 00:30 on 15 March in Tallinn.
    const call = await c.post<Ids>('/activities/log', {
      customerId: customer.body.id,
      kind: 'call',
      summary: 'Call after midnight',
      minutesSpent: 25,
      occurredAt: '2026-03-14T22:30:00Z',
    });
    expect(call.status).toBe(201);
    const spent = async (day: string) =>
      (
        await q.get<{ items: { minutes: number }[] }>(
          `/reports/time-spent?by=customer&ref=${customer.body.id}&from=${day}&to=${day}`,
          call.body.position,
        )
      ).body.items.map((i) => i.minutes);
    const filedOn = async () =>
      (
        await q.get<{ items: { day: string }[] }>(
          `/activities?customerId=${customer.body.id}`,
          call.body.position,
        )
      ).body.items.map((a) => a.day);
    expect([await filedOn(), await spent('2026-03-15')]).toEqual([['2026-03-15'], [25]]);
    // A shell set to another zone compares under the one the read models were filed in.
    const compare = (timeZone: string) =>
      JSON.parse(cliWith({ ...cliEnv(service), DEFAULT_TIMEZONE: timeZone }, 'compare').stdout) as {
        equal: boolean;
        settingsAsFiled?: Record<string, { timeZone: string }>;
      };
    const before = compare('UTC');
    expect(before).toMatchObject({ equal: true });
    expect(before.settingsAsFiled?.['activities_v5']).toEqual({ timeZone: 'Europe/Tallinn' });

    // The business moves to UTC: the projector rebuilds what files by days beside the live
    // read models, which answer meanwhile, and switches to the copies.
    await service.kill('projector', 'SIGTERM');
    await service.start('projector', { DEFAULT_TIMEZONE: 'UTC' });
    await until(async () => (await filedOn())[0] === '2026-03-14', 'the activities refiled', {
      ms: 30_000,
    });
    await until(async () => (await spent('2026-03-14')).length > 0, 'the time spent refiled', {
      ms: 30_000,
    });
    expect([await spent('2026-03-14'), await spent('2026-03-15')]).toEqual([[25], []]);
    expect(service.output()).toContain(
      "activities_v5 was filed with timeZone Europe/Tallinn, today's settings are timeZone UTC",
    );
    const rebuilding = async () =>
      (
        (await (await fetch(`${service.url.projector}/status`)).json()) as {
          rebuilding: unknown[];
        }
      ).rebuilding.length;
    await until(async () => (await rebuilding()) === 0, 'the copies switched in', { ms: 30_000 });
    const after = compare('Europe/Tallinn');
    expect(after).toMatchObject({ equal: true });
    expect(after.settingsAsFiled?.['activities_v5']).toEqual({ timeZone: 'UTC' });
    await service.kill('projector', 'SIGTERM');
    await service.start('projector');
  });
});
