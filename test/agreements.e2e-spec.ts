import { readStoreTargets } from './support/read-stores';
import { commands, type Ids, queries, upload } from './support/service';
import { mailServiceOn } from './support/smtp';
import { day } from './support/days';

type Agreement = {
  agreementId: string;
  title: string;
  validUntil: string | null;
  endsOn: string | null;
  standing: string;
  documentIds: string[];
  contactIds: string[];
  dealId: string | null;
};
type CustomerView = { agreements: Agreement[] };
type Timeline = { items: { summary: string }[] };

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe.each(readStoreTargets())('agreements with customers, on $name', (target) => {
  const suite = mailServiceOn(target, {
    EMAIL_POLL_MS: '50',
    REMINDER_POLL_MS: '200',
    AGREEMENT_REMINDER_DAYS: '30',
  });

  it('records what was agreed, shows it on the 360 and timeline, reminds before it lapses, renews and terminates', async () => {
    const { service, smtp } = suite;
    const anna = await service.staff('Anna Leping', ['sales']);
    const c = commands(service, anna);
    const q = queries(service, anna);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Leping OÜ' });
    const other = await c.post<Ids>('/customers', { kind: 'company', name: 'Teine OÜ' });
    const contact = await c.post<Ids>(`/customers/${customer.body.id}/contacts`, {
      name: 'Mari Leping',
      email: 'mari@leping.ee',
    });
    // Pipelines are a manager's to define.
    const pipeline = await commands(service).post<Ids>('/pipelines', {
      name: 'Hooldus',
      stages: [{ name: 'Pakkumine' }],
    });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Hooldus 2026',
      value: { amount: 120_000, currency: 'EUR' },
    });
    const signed = await upload<Ids>(
      `${service.url['command-api']}/documents`,
      anna.token,
      { linkKind: 'customer', linkId: customer.body.id },
      { name: 'leping.pdf', type: 'application/pdf', bytes: pdf },
    );
    const foreign = await upload<Ids>(
      `${service.url['command-api']}/documents`,
      anna.token,
      { linkKind: 'customer', linkId: other.body.id },
      { name: 'muu.pdf', type: 'application/pdf', bytes: pdf },
    );

    const terms = {
      customerId: customer.body.id,
      title: 'Hooldusleping',
      terms: 'Kaks hooldust aastas; reageerimine 24 tunni jooksul.',
      agreedOn: day(-20),
      validUntil: day(10),
      dealId: deal.body.id,
      contactIds: [contact.body.contactId],
      documentIds: [signed.body.id],
    };
    const refused = await c.post('/agreements', { ...terms, documentIds: [foreign.body.id] });
    expect([refused.status, refused.body['type']]).toEqual([
      409,
      expect.stringContaining('document-of-another-customer'),
    ]);
    const withdrawn = await upload<Ids>(
      `${service.url['command-api']}/documents`,
      anna.token,
      { linkKind: 'customer', linkId: customer.body.id },
      { name: 'mustand.pdf', type: 'application/pdf', bytes: pdf },
    );
    await c.post(`/documents/${withdrawn.body.id}/remove`, { reason: 'Vale fail' });
    const onRemoved = await c.post('/agreements', { ...terms, documentIds: [withdrawn.body.id] });
    expect([onRemoved.status, onRemoved.body['type']]).toEqual([
      404,
      expect.stringContaining('document-not-found'),
    ]);
    const recorded = await c.post<Ids>('/agreements', terms);
    expect(recorded.status).toBe(201);

    const view = await q.get<CustomerView>(
      `/customers/${customer.body.id}`,
      recorded.body.position,
    );
    expect(view.body.agreements).toEqual([
      expect.objectContaining({
        agreementId: recorded.body.id,
        title: 'Hooldusleping',
        validUntil: day(10),
        standing: 'active',
        dealId: deal.body.id,
        contactIds: [contact.body.contactId],
        documentIds: [signed.body.id],
      }),
    ]);
    const timeline = await q.get<Timeline>(`/customers/${customer.body.id}/timeline`);
    expect(timeline.body.items.map((e) => e.summary)).toContain(
      `Agreement recorded: Hooldusleping, agreed on ${day(-20)} by Anna Leping, valid until ${day(10)}`,
    );
    const lapsing = await q.get<{ items: Agreement[] }>(`/agreements?lapsingBy=${day(30)}`);
    expect(lapsing.body.items.map((a) => a.agreementId)).toContain(recorded.body.id);

    // Its maker hears before it lapses, once.
    const reminders = await smtp.waitFor(1);
    const reminder = reminders.find((m) => m.mail.subject?.startsWith('Agreement ends on'));
    expect(reminder?.to).toEqual(['anna.leping@example.com']);
    expect(reminder?.mail.subject).toBe(`Agreement ends on ${day(10)}: Hooldusleping`);
    await new Promise((r) => setTimeout(r, 800));
    expect(smtp.received.filter((m) => m.mail.subject?.startsWith('Agreement ends'))).toHaveLength(
      1,
    );

    // Renewed for longer; never shortened.
    const shorter = await c.post(`/agreements/${recorded.body.id}/renew`, { validUntil: day(5) });
    expect([shorter.status, shorter.body['type']]).toEqual([
      409,
      expect.stringContaining('renewal-shortens'),
    ]);
    const renewed = await c.post<Ids>(`/agreements/${recorded.body.id}/renew`, {
      validUntil: day(400),
    });
    expect(renewed.status).toBe(200);
    const one = await q.get<Agreement>(`/agreements/${recorded.body.id}`, renewed.body.position);
    expect(one.body).toMatchObject({ validUntil: day(400), standing: 'active' });

    // One that ran out lapses; one terminated ends.
    const old = await c.post<Ids>('/agreements', {
      customerId: customer.body.id,
      title: 'Vana leping',
      terms: 'Möödunud aasta hooldus.',
      agreedOn: day(-400),
      validUntil: day(-1),
    });
    const terminated = await c.post<Ids>(`/agreements/${recorded.body.id}/terminate`, {
      reason: 'Klient kolis välismaale',
    });
    expect(terminated.status).toBe(200);
    const lapsed = await q.get<{ items: Agreement[] }>(
      `/agreements?customerId=${customer.body.id}&standing=lapsed`,
      terminated.body.position,
    );
    expect(lapsed.body.items.map((a) => a.agreementId)).toEqual([old.body.id]);
    const ended = await q.get<{ items: Agreement[] }>(
      `/agreements?customerId=${customer.body.id}&standing=terminated`,
    );
    expect(ended.body.items.map((a) => a.agreementId)).toEqual([recorded.body.id]);
    const again = await c.post(`/agreements/${recorded.body.id}/renew`, { validUntil: null });
    expect([again.status, again.body['type']]).toEqual([
      409,
      expect.stringContaining('agreement-terminated'),
    ]);

    // Recorded once made; notice ends one from a later day, and it is in force until then.
    const ahead = await c.post('/agreements', { ...terms, agreedOn: day(1), validUntil: day(20) });
    expect([ahead.status, ahead.body['type']]).toEqual([
      409,
      expect.stringContaining('agreed-in-future'),
    ]);
    const yearly = await c.post<Ids>('/agreements', {
      customerId: customer.body.id,
      title: 'Aastaleping',
      terms: 'Tugi tööpäeviti.',
      agreedOn: day(-100),
      validUntil: day(200),
    });
    const late = await c.post(`/agreements/${yearly.body.id}/terminate`, {
      reason: 'Uus pakkuja',
      endsOn: day(201),
    });
    expect([late.status, late.body['type']]).toEqual([
      409,
      expect.stringContaining('ends-after-last-day'),
    ]);
    const noticed = await c.post<Ids>(`/agreements/${yearly.body.id}/terminate`, {
      reason: 'Uus pakkuja',
      endsOn: day(30),
    });
    expect(noticed.status).toBe(200);
    const inForce = await q.get<Agreement>(`/agreements/${yearly.body.id}`, noticed.body.position);
    expect(inForce.body).toMatchObject({ standing: 'active', endsOn: day(30) });
    expect(inForce.body).not.toHaveProperty('holdsThrough');
    const endingSoon = await q.get<{ items: Agreement[] }>(
      `/agreements?customerId=${customer.body.id}&lapsingBy=${day(40)}`,
    );
    expect(endingSoon.body.items.map((a) => a.agreementId)).toEqual([yearly.body.id]);
    const active = await q.get<{ items: Agreement[] }>(
      `/agreements?customerId=${customer.body.id}&standing=active`,
    );
    expect(active.body.items.map((a) => a.agreementId)).toEqual([yearly.body.id]);
    const endedNow = await q.get<{ items: Agreement[] }>(
      `/agreements?customerId=${customer.body.id}&standing=terminated`,
    );
    expect(endedNow.body.items.map((a) => a.agreementId)).toEqual([recorded.body.id]);
  });
});
