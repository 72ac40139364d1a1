import { commands, type Ids, queries, type Service, startService } from './support/service';

type Problem = { type: string; status: number };
type Lead = Record<string, unknown>;
type Found = { items: { kind: string; leadId?: string; customerId: string; name: string }[] };

/**
 * Corrections over HTTP. A lead's details: the lead, search, the owner's portfolio and the
 * customer it becomes follow; a converted or erased lead is refused. A deal's title: the board,
 * the deal, the portfolio and the timeline follow. A pipeline's name. A planned activity's title,
 * notes and participants: the activity, the calendars, the deal's next action and the timeline
 * follow; a completed one is refused. A ticket's subject and description: the ticket, the
 * assignee's portfolio, the timeline and the customer's status page follow; a closed one is refused.
 */
describe('corrections: a lead, a deal, a pipeline, an activity, a ticket', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService();
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('replaces what is given, removes what is null, keeps the rest, everywhere it shows', async () => {
    const c = commands(service);
    const q = queries(service);
    const lead = await c.post<Ids>('/leads', {
      personName: 'Mari Maasikas',
      companyName: 'Maasikas OÜ',
      email: 'mari@maasikass.example',
      source: 'fair',
    });
    const changed = await c.post<Ids>(
      `/leads/${lead.body.id}/details`,
      { email: 'mari@maasikas.example', companyName: null, phone: '+372 5555 0101' },
      { 'if-match': '0' },
    );
    expect([changed.status, changed.body.revision, changed.headers.get('etag')]).toEqual([
      200,
      1,
      '"1"',
    ]);
    const read = await q.get<Lead>(`/leads/${lead.body.id}`, changed.body.position);
    expect(read.body).toMatchObject({
      personName: 'Mari Maasikas',
      email: 'mari@maasikas.example',
      phone: '+372 5555 0101',
      status: 'new',
    });
    expect(read.body).not.toHaveProperty('companyName');

    // Search finds the lead by what it says now, and not by the mistyped address.
    const byNew = await q.get<Found>('/search?q=mari@maasikas.example', changed.body.position);
    expect(byNew.body.items).toEqual([
      expect.objectContaining({ kind: 'lead', leadId: lead.body.id, name: 'Mari Maasikas' }),
    ]);
    const byOld = await q.get<Found>('/search?q=maasikass', changed.body.position);
    expect(byOld.body.items.filter((i) => i.leadId === lead.body.id)).toEqual([]);
    const byPhone = await q.get<Found>('/search?q=55550101', changed.body.position);
    expect(byPhone.body.items.map((i) => i.leadId)).toEqual([lead.body.id]);

    // The owner's portfolio names the lead as it is now.
    const portfolio = await q.get<{ leads: { itemId: string; title: string }[] }>(
      `/staff/${service.admin.id}/portfolio`,
      changed.body.position,
    );
    expect(portfolio.body.leads.find((l) => l.itemId === lead.body.id)?.title).toBe(
      'Mari Maasikas',
    );

    // Nothing changed: nothing recorded, the revision stays.
    const same = await c.post<Ids>(`/leads/${lead.body.id}/details`, {
      email: 'mari@maasikas.example',
    });
    expect([same.status, same.body.revision]).toEqual([200, 1]);

    // The customer it becomes takes the corrected details; its timeline tells the correction.
    const pipeline = await c.post<Ids>('/pipelines', { name: 'Direct', stages: [{ name: 'A' }] });
    const converted = await c.post<Ids>(`/leads/${lead.body.id}/convert`, {
      pipelineId: pipeline.body.id,
      value: { amount: 10000, currency: 'EUR' },
    });
    expect(converted.status).toBe(200);
    const customer = await q.get<{ profile: { emails: { address: string }[] } }>(
      `/customers/${converted.body.customerId!}`,
      converted.body.position,
    );
    expect(JSON.stringify(customer.body)).toContain('mari@maasikas.example');
    // where the customer came from: the lead, and its source
    expect(customer.body).toMatchObject({ source: 'fair', sourceLeadId: lead.body.id });
    expect(JSON.stringify(customer.body)).not.toContain('maasikass');
    const timeline = await q.get<{ items: { type: string; summary: string }[] }>(
      `/customers/${converted.body.customerId!}/timeline`,
      converted.body.position,
    );
    expect(timeline.body.items.find((i) => i.type === 'LeadDetailsChanged')?.summary).toBe(
      'Lead details changed: company removed, email mari@maasikas.example, phone +372 5555 0101',
    );

    // A converted lead's details are its customer's.
    const late = await c.post<Problem>(`/leads/${lead.body.id}/details`, { phone: '+372 1' });
    expect([late.status, late.body.type]).toEqual([409, 'urn:kroonika:problem:lead-converted']);
  });

  it('refuses a removed name (400), a bad address (400), an unknown lead (404), an erased one (409)', async () => {
    const c = commands(service);
    const lead = await c.post<Ids>('/leads', { personName: 'Jaan Kuusk', source: 'web' });
    const noName = await c.post<Problem>(`/leads/${lead.body.id}/details`, { personName: null });
    expect(noName.status).toBe(400);
    const badEmail = await c.post<Problem>(`/leads/${lead.body.id}/details`, { email: 'jaan' });
    expect(badEmail.status).toBe(400);
    const unknown = await c.post<Problem>('/leads/00000000-0000-4000-8000-000000000000/details', {
      email: 'jaan@example.com',
    });
    expect([unknown.status, unknown.body.type]).toEqual([
      404,
      'urn:kroonika:problem:lead-not-found',
    ]);
    const erased = await c.post<Ids>(`/leads/${lead.body.id}/erase`, { reason: 'Asked to' });
    expect(erased.status).toBe(200);
    const after = await c.post<Problem>(`/leads/${lead.body.id}/details`, { phone: '+372 5555' });
    expect([after.status, after.body.type]).toEqual([409, 'urn:kroonika:problem:lead-erased']);
    // None of the refusals appended anything: the stream is at the erasure's revision.
    expect(erased.body.revision).toBe(1);
    const again = await c.post<Problem>(
      `/leads/${lead.body.id}/details`,
      { phone: '+372 5555' },
      {
        'if-match': '1',
      },
    );
    expect(again.status).toBe(409);
  });
  it('gives a deal another title: board, 360, portfolio and timeline show it; the same title records nothing', async () => {
    const c = commands(service);
    const q = queries(service);
    const pipeline = await c.post<Ids>('/pipelines', { name: 'Projects', stages: [{ name: 'A' }] });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Kase AS' });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Website',
      value: { amount: 500000, currency: 'EUR' },
    });
    const renamed = await c.post<Ids>(
      `/deals/${deal.body.id}/rename`,
      { title: 'Web shop' },
      {
        'if-match': '0',
      },
    );
    expect([renamed.status, renamed.body.revision]).toEqual([200, 1]);
    const after = renamed.body.position;
    expect((await q.get(`/deals/${deal.body.id}`, after)).body).toMatchObject({
      title: 'Web shop',
      revision: 1,
    });
    const view = await q.get<{ deals: { open: { dealId: string; title: string }[] } }>(
      `/customers/${customer.body.id}`,
      after,
    );
    expect(view.body.deals.open.map((d) => d.title)).toEqual(['Web shop']);
    const board = await q.get<{ stages: { cards: { dealId: string; title: string }[] }[] }>(
      `/pipelines/${pipeline.body.id}/board`,
      after,
    );
    expect(board.body.stages[0]!.cards.map((card) => card.title)).toEqual(['Web shop']);
    const portfolio = await q.get<{ deals: { itemId: string; title: string }[] }>(
      `/staff/${service.admin.id}/portfolio`,
      after,
    );
    expect(portfolio.body.deals.find((d) => d.itemId === deal.body.id)?.title).toBe('Web shop');
    const timeline = await q.get<{ items: { type: string; summary: string }[] }>(
      `/customers/${customer.body.id}/timeline`,
      after,
    );
    expect(timeline.body.items[0]).toMatchObject({
      type: 'DealRenamed',
      summary: 'Deal renamed from Website to Web shop',
    });

    const same = await c.post<Ids>(`/deals/${deal.body.id}/rename`, { title: 'Web shop' });
    expect([same.status, same.body.revision]).toEqual([200, 1]);
    const blank = await c.post<Problem>(`/deals/${deal.body.id}/rename`, { title: '' });
    expect(blank.status).toBe(400);
    const spaces = await c.post<Problem>(`/deals/${deal.body.id}/rename`, { title: '   ' });
    expect([spaces.status, spaces.body.type]).toEqual([409, 'urn:kroonika:problem:title-required']);
    // A won deal keeps its history under the title it has now.
    expect((await c.post(`/deals/${deal.body.id}/win`, {})).status).toBe(200);
    const closed = await c.post<Ids>(`/deals/${deal.body.id}/rename`, { title: 'Web shop 2027' });
    expect([closed.status, closed.body.revision]).toEqual([200, 3]);
  });
  it('renames a pipeline: its read and the list show the new name, the stages stay', async () => {
    const c = commands(service);
    const q = queries(service);
    const pipeline = await c.post<Ids>('/pipelines', {
      name: 'B2B',
      stages: [{ name: 'Contact' }, { name: 'Offer' }],
    });
    const renamed = await c.post<Ids>(`/pipelines/${pipeline.body.id}/rename`, {
      name: 'Companies',
    });
    expect([renamed.status, renamed.body.revision]).toEqual([200, 1]);
    const read = await q.get<{ name: string; stages: { stageId: string; name: string }[] }>(
      `/pipelines/${pipeline.body.id}`,
      renamed.body.position,
    );
    expect(read.body.name).toBe('Companies');
    expect(read.body.stages.map((s) => s.stageId)).toEqual(pipeline.body.stageIds);
    const list = await q.get<{ items: { _id: string; name: string }[] }>('/pipelines');
    expect(list.body.items.find((p) => p._id === pipeline.body.id)?.name).toBe('Companies');
    const same = await c.post<Ids>(`/pipelines/${pipeline.body.id}/rename`, { name: 'Companies' });
    expect([same.status, same.body.revision]).toEqual([200, 1]);
    const blank = await c.post<Problem>(`/pipelines/${pipeline.body.id}/rename`, { name: ' ' });
    expect([blank.status, blank.body.type]).toEqual([
      409,
      'urn:kroonika:problem:pipeline-name-required',
    ]);
  });
  it("corrects a planned activity's title, notes and participants: its read, the calendars, the deal's next action and the timeline follow", async () => {
    const ben = await service.staff('Ben Abi', ['sales']);
    const c = commands(service);
    const q = queries(service);
    const pipeline = await c.post<Ids>('/pipelines', { name: 'Visits', stages: [{ name: 'A' }] });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Pihlakas OÜ' });
    const contact = await c.post<Ids>(`/customers/${customer.body.id}/contacts`, {
      name: 'Kati Kontakt',
    });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Machines',
      value: { amount: 100000, currency: 'EUR' },
    });
    const call = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      dealId: deal.body.id,
      kind: 'call',
      title: 'Call about the ofer',
      notes: 'ask for the floor plan',
      dueOn: '2030-01-15',
      participants: [{ kind: 'contact', id: contact.body.contactId }],
    });
    type Activity = {
      title: string;
      notes: string | null;
      participants: { kind: string; id: string }[];
    };
    expect(
      (await q.get<Activity>(`/activities/${call.body.id}`, call.body.position)).body,
    ).toMatchObject({ title: 'Call about the ofer', notes: 'ask for the floor plan' });

    const changed = await c.post<Ids>(
      `/activities/${call.body.id}/details`,
      {
        title: 'Call about the offer',
        notes: null,
        participants: [
          { kind: 'contact', id: contact.body.contactId },
          { kind: 'staff', id: ben.id },
        ],
      },
      { 'if-match': '0' },
    );
    expect([changed.status, changed.body.revision]).toEqual([200, 1]);
    const after = changed.body.position;
    expect((await q.get<Activity>(`/activities/${call.body.id}`, after)).body).toMatchObject({
      title: 'Call about the offer',
      notes: null,
      participants: [
        { kind: 'contact', id: contact.body.contactId },
        { kind: 'staff', id: ben.id },
      ],
    });
    // Ben takes part now: the activity is in his calendar.
    const bens = await q.get<{ items: { activityId: string; title: string }[] }>(
      `/activities?assigneeId=${ben.id}&from=2030-01-01&to=2030-01-31`,
      after,
    );
    expect(bens.body.items.map((a) => a.title)).toEqual(['Call about the offer']);
    // The deal's next action is this call, named as it is now.
    const read = await q.get<{ nextAction: { description: string; dueOn: string } | null }>(
      `/deals/${deal.body.id}`,
      after,
    );
    expect(read.body.nextAction).toMatchObject({
      description: 'Call about the offer',
      dueOn: '2030-01-15',
    });
    const timeline = await q.get<{ items: { type: string; summary: string }[] }>(
      `/customers/${customer.body.id}/timeline?group=activities`,
      after,
    );
    expect(timeline.body.items.map((i) => i.summary)).toContain(
      'Activity details changed: title Call about the offer (was Call about the ofer), notes removed, 2 participants',
    );

    // Nothing changed records nothing; an unknown contact is not found; a blank title is 400.
    const same = await c.post<Ids>(`/activities/${call.body.id}/details`, {
      title: 'Call about the offer',
    });
    expect([same.status, same.body.revision]).toEqual([200, 1]);
    const stranger = await c.post<Problem>(`/activities/${call.body.id}/details`, {
      participants: [{ kind: 'contact', id: '00000000-0000-4000-8000-000000000001' }],
    });
    expect([stranger.status, stranger.body.type]).toEqual([
      404,
      'urn:kroonika:problem:contact-not-found',
    ]);
    const blank = await c.post<Problem>(`/activities/${call.body.id}/details`, { title: '' });
    expect(blank.status).toBe(400);
    const unknown = await c.post<Problem>(
      '/activities/00000000-0000-4000-8000-000000000002/details',
      { title: 'Anything' },
    );
    expect([unknown.status, unknown.body.type]).toEqual([
      404,
      'urn:kroonika:problem:activity-not-found',
    ]);

    // A completed activity keeps what it was done as.
    const done = await c.post(`/activities/${call.body.id}/complete`, {
      outcome: 'They order in March',
      minutesSpent: 20,
    });
    expect(done.status).toBe(200);
    const late = await c.post<Problem>(`/activities/${call.body.id}/details`, {
      notes: 'too late',
    });
    expect([late.status, late.body.type]).toEqual([409, 'urn:kroonika:problem:activity-closed']);
  });
  it("corrects a ticket's subject and description: the ticket, the portfolio, the timeline and the status page follow", async () => {
    const c = commands(service);
    const q = queries(service);
    const customer = await c.post<Ids>('/customers', { kind: 'person', name: 'Tiina Tamm' });
    const ticket = await c.post<Ids>('/tickets', {
      customerId: customer.body.id,
      channel: 'phone',
      subject: 'Parcel',
      description: 'left at the door',
      priority: 'normal',
    });
    type Ticket = { subject: string; description: string | null };
    expect(
      (await q.get<Ticket>(`/tickets/${ticket.body.id}`, ticket.body.position)).body,
    ).toMatchObject({ subject: 'Parcel', description: 'left at the door' });
    const changed = await c.post<Ids>(
      `/tickets/${ticket.body.id}/details`,
      { subject: 'Parcel not delivered', description: null },
      { 'if-match': String(ticket.body.revision) },
    );
    expect([changed.status, changed.body.revision]).toEqual([200, 1]);
    const after = changed.body.position;
    expect((await q.get<Ticket>(`/tickets/${ticket.body.id}`, after)).body).toMatchObject({
      subject: 'Parcel not delivered',
      description: null,
    });
    const portfolio = await q.get<{ tickets: { itemId: string; title: string }[] }>(
      `/staff/${service.admin.id}/portfolio`,
      after,
    );
    expect(portfolio.body.tickets.find((t) => t.itemId === ticket.body.id)?.title).toBe(
      'Parcel not delivered',
    );
    const timeline = await q.get<{ items: { type: string; summary: string }[] }>(
      `/customers/${customer.body.id}/timeline`,
      after,
    );
    expect(timeline.body.items[0]).toMatchObject({
      type: 'TicketDetailsChanged',
      summary:
        'Ticket details changed: subject Parcel not delivered (was Parcel), description removed',
    });
    // The customer's status page names the ticket as it is now.
    const shared = await c.post<{ url: string }>(`/tickets/${ticket.body.id}/share`, {});
    const page = await fetch(
      shared.body.url.replace(/^http:\/\/[^/]+/, service.url['command-api']),
    );
    const html = await page.text();
    expect(html).toContain('Parcel not delivered');

    const same = await c.post<Ids>(`/tickets/${ticket.body.id}/details`, {
      subject: 'Parcel not delivered',
    });
    // Sharing (2) and the customer's opening (3) were recorded; the same subject records nothing.
    expect([same.status, same.body.revision]).toEqual([200, 3]);
    const blank = await c.post<Problem>(`/tickets/${ticket.body.id}/details`, { subject: ' ' });
    expect([blank.status, blank.body.type]).toEqual([409, 'urn:kroonika:problem:subject-required']);
    expect(
      (await c.post(`/tickets/${ticket.body.id}/resolve`, { resolution: 'Found' })).status,
    ).toBe(200);
    expect((await c.post(`/tickets/${ticket.body.id}/close`, {})).status).toBe(200);
    const late = await c.post<Problem>(`/tickets/${ticket.body.id}/details`, { subject: 'Late' });
    expect([late.status, late.body.type]).toEqual([409, 'urn:kroonika:problem:ticket-closed']);
  });
});
