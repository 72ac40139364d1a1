import ICAL from 'ical.js';
import { readStoreTargets, serviceOn } from './support/read-stores';
import { commands, type Ids, queries, type Service } from './support/service';
import { day } from './support/days';

type Feed = Ids & { url: string; feedId: string };

/** The feed as a calendar application fetches it: no token, only its URL. */
const fetchFeed = async (service: Service, url: string) => {
  // The URL names the public address; the test service is on 127.0.0.1 at the same port.
  const res = await fetch(url.replace(/^http:\/\/[^/]+/, service.url['query-api']));
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

const eventsOf = (text: string) => {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)),
  };
};

describe.each(readStoreTargets())('calendar feeds (iCalendar) on $name', (target) => {
  const suite = serviceOn(target, {
    apps: ['command-api', 'projector', 'query-api'],
  });

  it('gives a member a signed feed of their meetings and tasks, with participants, that stops when revoked', async () => {
    const { service } = suite;
    const anna = await service.staff('Anna Kalender', ['sales']);
    const jaan = await service.staff('Jaan Kolleeg', ['sales']);
    const c = commands(service, anna);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Kuusk OÜ' });
    const contact = await c.post<Ids>(`/customers/${customer.body.id}/contacts`, {
      name: 'Mari Kuusk',
      email: 'mari@kuusk.ee',
    });
    const startsAt = `${day(2)}T09:00:00.000Z`;
    const meeting = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      kind: 'meeting',
      title: 'Läbirääkimised',
      startsAt,
      endsAt: `${day(2)}T10:30:00.000Z`,
      participants: [
        { kind: 'staff', id: jaan.id },
        { kind: 'contact', id: contact.body.contactId },
      ],
    });
    const task = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      kind: 'task',
      title: 'Saata pakkumine',
      notes: 'hinnad koos käibemaksuga',
      dueOn: day(1),
    });
    const cancelled = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      kind: 'call',
      title: 'Tühistatud kõne',
      dueOn: day(3),
    });
    const cancel = await c.post<Ids>(`/activities/${cancelled.body.id}/cancel`, {
      reason: 'not needed',
    });

    const issued = await c.post<Feed>(`/staff/${anna.id}/calendar-feed`);
    expect(issued.status).toBe(201);
    expect(issued.body.url).toMatch(/\/calendar-feeds\/[\w-]+\.[\w-]+\.[\w-]+\.ics$/);
    // A calendar application knows no positions: the test waits for the read side itself.
    const settled = (position: number) => queries(service, anna).get('/staff', position);
    await settled(issued.body.position);
    const read = await fetchFeed(service, issued.body.url);
    expect(read.status).toBe(200);
    expect(read.type).toContain('text/calendar');
    const { calendar, events } = eventsOf(read.text);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('UTC');
    const byTitle = new Map(events.map((e) => [e.summary, e]));
    const talks = byTitle.get('Läbirääkimised — Kuusk OÜ')!;
    expect(talks.uid).toBe(`${meeting.body.id}@kroonika`);
    expect(talks.startDate.toJSDate().toISOString()).toBe(startsAt);
    expect(talks.endDate.toJSDate().toISOString()).toBe(`${day(2)}T10:30:00.000Z`);
    expect(talks.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort()).toEqual([
      'mailto:jaan.kolleeg@example.com',
      'mailto:mari@kuusk.ee',
    ]);
    expect(talks.organizer.toLowerCase()).toBe('mailto:anna.kalender@example.com');
    const todo = byTitle.get('Saata pakkumine — Kuusk OÜ')!;
    expect(todo.uid).toBe(`${task.body.id}@kroonika`);
    expect(todo.startDate.isDate).toBe(true);
    expect(todo.startDate.toString()).toBe(day(1));
    // What the planner wrote down for it is in the event's description.
    expect(todo.description).toBe('task\nhinnad koos käibemaksuga');
    expect(
      byTitle.get('Tühistatud kõne — Kuusk OÜ')!.component.getFirstPropertyValue('status'),
    ).toBe('CANCELLED');
    expect(cancel.status).toBe(200);

    // A colleague's feed has the meeting they take part in.
    const theirs = await commands(service, jaan).post<Feed>(`/staff/${jaan.id}/calendar-feed`);
    await settled(theirs.body.position);
    const jaanFeed = await fetchFeed(service, theirs.body.url);
    expect(eventsOf(jaanFeed.text).events.map((e) => e.summary)).toEqual([
      'Läbirääkimised — Kuusk OÜ',
    ]);

    // Only the member (or an admin) takes a feed of their calendar.
    const foreign = await commands(service, jaan).post(`/staff/${anna.id}/calendar-feed`);
    expect([foreign.status, foreign.body['type']]).toEqual([
      403,
      expect.stringContaining('not-own-calendar'),
    ]);
    // A changed token is no feed.
    const forged = issued.body.url.replace(/\.([\w-]{22})\.ics$/, '.AAAAAAAAAAAAAAAAAAAAAA.ics');
    expect((await fetchFeed(service, forged)).status).toBe(404);

    // A new feed replaces the old one; a revoked one stops.
    const renewed = await c.post<Feed>(`/staff/${anna.id}/calendar-feed`);
    expect(renewed.body.url).not.toBe(issued.body.url);
    await settled(renewed.body.position);
    expect((await fetchFeed(service, issued.body.url)).status).toBe(404);
    expect((await fetchFeed(service, renewed.body.url)).status).toBe(200);
    const revoked = await c.post<Ids>(`/staff/${anna.id}/calendar-feed/revoke`);
    expect(revoked.status).toBe(200);
    await settled(revoked.body.position);
    expect((await fetchFeed(service, renewed.body.url)).status).toBe(404);
    const again = await c.post(`/staff/${anna.id}/calendar-feed/revoke`);
    expect([again.status, again.body['type']]).toEqual([
      409,
      expect.stringContaining('no-calendar-feed'),
    ]);
  });
});
