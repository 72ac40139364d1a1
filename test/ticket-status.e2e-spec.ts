import { readStoreTargets, serviceOn } from './support/read-stores';
import { commands, type Ids, queries, type Service } from './support/service';

type Share = Ids & { url: string; shareId: string; expiresAt: string };
type Timeline = { items: { type: string; summary: string }[] };
type Tickets = {
  items: { ticketId: string; sharedUntil: string | null; customerViewedAt: string | null }[];
};

/** The page as the customer's browser opens it: no token, only the link. */
const open = async (service: Service, url: string) => {
  const res = await fetch(url.replace(/^http:\/\/[^/]+/, service.url['command-api']));
  return { status: res.status, type: res.headers.get('content-type'), html: await res.text() };
};

describe.each(readStoreTargets())("a ticket's status page for its customer, on $name", (target) => {
  const suite = serviceOn(target, {
    apps: ['command-api', 'projector', 'query-api'],
  });

  it('shows status, target date and replies through a signed link, records the opening, and stops when revoked', async () => {
    const { service } = suite;
    const liis = await service.staff('Liis Teenindus', ['sales']);
    const c = commands(service, liis);
    const customer = await c.post<Ids>('/customers', {
      kind: 'person',
      name: 'Peeter Privaatne',
      email: 'peeter@privaatne.ee',
      preferredLanguage: 'et',
    });
    const ticket = await c.post<Ids>('/tickets', {
      customerId: customer.body.id,
      channel: 'email',
      subject: 'Arve <b>vale</b>',
      description: 'internal: customer is upset',
      priority: 'high',
    });
    await c.post(`/tickets/${ticket.body.id}/respond`, {
      message: 'Tere! Vaatame arve üle.',
      channel: 'email',
    });

    const shared = await c.post<Share>(`/tickets/${ticket.body.id}/share`, { expiresInDays: 7 });
    expect(shared.status).toBe(201);
    expect(shared.body.url).toMatch(/\/ticket-status\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(shared.body.expiresAt) - Date.now()).toBeGreaterThan(6 * 86_400_000);

    const page = await open(service, shared.body.url);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    // In the customer's language; the subject as text, never as markup.
    expect(page.html).toContain('<html lang="et">');
    expect(page.html).toContain('Arve &lt;b&gt;vale&lt;/b&gt;');
    expect(page.html).toContain('data-status="open"');
    expect(page.html).toContain('Lahendame hiljemalt');
    expect(page.html).toContain('Tere! Vaatame arve üle.');
    // Nothing else of the customer, nor what staff wrote for themselves.
    for (const hidden of ['Peeter', 'peeter@privaatne.ee', 'internal: customer is upset'])
      expect(page.html).not.toContain(hidden);
    // Opened again at once: the opening is recorded once.
    expect((await open(service, shared.body.url)).status).toBe(200);

    const resolved = await c.post<Ids>(`/tickets/${ticket.body.id}/resolve`, {
      resolution: 'Saatsime kreeditarve.',
    });
    const after = await open(service, shared.body.url);
    expect(after.html).toContain('data-status="resolved"');
    expect(after.html).toContain('Lahendus');
    expect(after.html).toContain('Saatsime kreeditarve.');

    const timeline = await queries(service).get<Timeline>(
      `/customers/${customer.body.id}/timeline?group=service`,
      resolved.body.position,
    );
    const summaries = timeline.body.items.map((e) => e.summary);
    expect(summaries.filter((s) => s.startsWith('Ticket status page opened'))).toHaveLength(1);
    expect(summaries.some((s) => s.startsWith('Ticket status page shared'))).toBe(true);
    const tickets = await queries(service).get<Tickets>(
      `/tickets?customerId=${customer.body.id}`,
      resolved.body.position,
    );
    expect(tickets.body.items[0]?.sharedUntil).toBe(shared.body.expiresAt);
    expect(tickets.body.items[0]?.customerViewedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    // A changed link opens nothing; a new link replaces the old one; a revoked one stops.
    const forged = shared.body.url.replace(/\.[\w-]{22}$/, '.AAAAAAAAAAAAAAAAAAAAAA');
    expect((await open(service, forged)).status).toBe(404);
    const renewed = await c.post<Share>(`/tickets/${ticket.body.id}/share`);
    expect((await open(service, shared.body.url)).status).toBe(404);
    expect((await open(service, renewed.body.url)).status).toBe(200);
    const revoked = await c.post<Ids>(`/tickets/${ticket.body.id}/share/revoke`);
    expect(revoked.status).toBe(200);
    const gone = await open(service, renewed.body.url);
    expect([gone.status, gone.html]).toEqual([
      404,
      expect.stringContaining('See link ei kehti enam.'),
    ]);
    const twice = await c.post(`/tickets/${ticket.body.id}/share/revoke`);
    expect([twice.status, twice.body['type']]).toEqual([
      409,
      expect.stringContaining('no-ticket-share'),
    ]);
  });
});
