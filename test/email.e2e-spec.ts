import { randomUUID } from 'node:crypto';
import { openEventStore } from '#event-store';
import { appendAll } from '../libs/event-store/src/personal-data/personal-data-fixture';
import { mailSuite } from './support/smtp';
import { pdfText } from './support/pdf-text';
import { commands, type Ids, queries } from './support/service';

type Email = { emailId: string; status: string; attempts: number; lastError: string | null };
type Timeline = {
  items: { type: string; summary: string; actorName?: string | null; data: { sentAt?: string } }[];
};
type Contact = { lastContactAt: string | null };

const today = () => new Date().toISOString().slice(0, 10);

jest.setTimeout(30_000);

describe('e-mail: the outbox, SMTP delivery with retries, invoices as PDF', () => {
  const suite = mailSuite({
    MAIL_FROM: 'Müük <sales@kroonika.test>',
    EMAIL_POLL_MS: '50',
    EMAIL_RETRY_BASE_MS: '300',
    EMAIL_STALE_MS: '1000',
    SELLER_NAME: 'Kroonika Test OÜ',
    SELLER_DETAILS: 'Pikk 1, 10123 Tallinn|Reg. code 12345678|IBAN EE001234567890',
  });

  const outbox = async (customerId: string, position: number) =>
    (
      await queries(suite.service).get<{ items: Email[] }>(
        `/emails?customerId=${customerId}`,
        position,
      )
    ).body.items;

  /** Polls the outbox until the message reaches `status`. */
  const settled = async (customerId: string, emailId: string, status: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const email = (await outbox(customerId, 0)).find((e) => e.emailId === emailId);
      if (email?.status === status) return email;
      if (Date.now() > deadline) throw new Error(`${emailId} is ${email?.status ?? 'unknown'}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('sends a message to the customer, once, and shows it on the timeline', async () => {
    const c = commands(suite.service);
    const customer = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Kala AS',
      email: 'info@kala.ee',
    });
    const before = suite.smtp.received.length;
    const queued = await c.post<Ids>('/emails', {
      customerId: customer.body.id,
      subject: 'Meeting on Tuesday',
      text: 'Tere! Kas teisipäev sobib?',
    });
    expect(queued.status).toBe(201);
    const [mail] = (await suite.smtp.waitFor(before + 1)).slice(before);
    expect(mail!.to).toEqual(['info@kala.ee']);
    expect(mail!.mail.subject).toBe('Meeting on Tuesday');
    expect(mail!.mail.text?.trim()).toBe('Tere! Kas teisipäev sobib?');
    expect(mail!.mail.messageId).toBe(`<${queued.body.id}@kroonika>`);
    expect(mail!.mail.from?.text).toContain('sales@kroonika.test');
    const sent = await settled(customer.body.id, queued.body.id, 'sent');
    expect(sent.attempts).toBe(1);
    const timeline = await queries(suite.service).get<Timeline>(
      `/customers/${customer.body.id}/timeline`,
    );
    expect(timeline.body.items.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['E-mail queued: Meeting on Tuesday', 'E-mail sent (attempt 1)']),
    );
    // A message a member sent, once delivered, is the last contact with the customer.
    const delivered = timeline.body.items.find((e) => e.type === 'EmailSent')!;
    expect(
      (await queries(suite.service).get<Contact>(`/customers/${customer.body.id}`)).body
        .lastContactAt,
    ).toBe(delivered.data.sentAt);
    // The service's own sender is named as the one who sent it.
    expect(
      timeline.body.items.find((e) => e.summary === 'E-mail sent (attempt 1)')?.actorName,
    ).toBe('E-mail sender');
    // Bad input appends nothing: no address, a malformed one, an unknown customer.
    const lone = await c.post<Ids>('/customers', { kind: 'company', name: 'Ilma Posti OÜ' });
    const none = await c.post<{ type: string }>('/emails', {
      customerId: lone.body.id,
      subject: 'x',
      text: 'x',
    });
    expect([none.status, none.body.type]).toEqual([409, 'urn:kroonika:problem:no-recipient']);
    expect(
      (
        await c.post('/emails', {
          customerId: lone.body.id,
          to: ['not-an-address'],
          subject: 'x',
          text: 'x',
        })
      ).status,
    ).toBe(400);
    expect(
      (await c.post('/emails', { customerId: randomUUID(), subject: 'x', text: 'x' })).status,
    ).toBe(404);
  });

  it('e-mails an issued invoice as a PDF and records it as sent by e-mail', async () => {
    const c = commands(suite.service);
    const customer = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Šokolaadi Äri OÜ',
      email: 'arved@sokolaad.ee',
      address: { street: 'Tähe 3', city: 'Tartu', postalCode: '50103', country: 'EE' },
    });
    const invoice = await c.post<Ids>('/invoices', {
      kind: 'standard',
      customerId: customer.body.id,
      currency: 'EUR',
      issuedOn: today(),
      dueOn: today(),
      lines: [
        { description: 'Konsultatsioon', quantity: 3, unitPrice: 12_000, vatRate: 24 },
        { description: 'Sõidukulud', quantity: 1, unitPrice: 4_550, vatRate: 24 },
      ],
    });
    const before = suite.smtp.received.length;
    const queued = await c.post<Ids>(`/invoices/${invoice.body.id}/email`, {
      message: 'Tere, arve on lisatud.',
    });
    expect(queued.status).toBe(201);
    const [mail] = (await suite.smtp.waitFor(before + 1)).slice(before);
    expect(mail!.to).toEqual(['arved@sokolaad.ee']);
    expect(mail!.mail.subject).toMatch(/^Invoice \d{4}-\d{6}$/);
    const number = mail!.mail.subject!.slice('Invoice '.length);
    expect(mail!.mail.text).toContain('Tere, arve on lisatud.');
    expect(mail!.mail.text).toContain('total €502.82');
    const [pdf] = mail!.mail.attachments;
    expect(pdf!.contentType).toBe('application/pdf');
    expect(pdf!.filename).toBe(`invoice-${number}.pdf`);
    expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The attachment is the document GET /invoices/{id}/pdf serves, read as a reader reads it.
    const text = pdfText(new Uint8Array(pdf!.content)).join('\n');
    expect(text).toContain(`Invoice ${number}`);
    expect(text).toContain('Šokolaadi Äri OÜ');
    expect(text).toContain('€502.82');
    await settled(customer.body.id, queued.body.id, 'sent');
    const deadline = Date.now() + 10_000;
    let lastSent: { channel: string; recipient: string } | undefined;
    while (!lastSent && Date.now() < deadline) {
      const list = await queries(suite.service).get<{
        items: { invoiceId: string; lastSent?: { channel: string; recipient: string } }[];
      }>(`/invoices?customerId=${customer.body.id}`);
      lastSent = list.body.items.find((i) => i.invoiceId === invoice.body.id)?.lastSent;
      if (!lastSent) await new Promise((r) => setTimeout(r, 50));
    }
    expect(lastSent).toMatchObject({ channel: 'email', recipient: 'arved@sokolaad.ee' });
  });

  it("e-mails an invoice in the customer's language", async () => {
    const c = commands(suite.service);
    const customer = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Kőszegi Bőrdíszmű Kft.',
      email: 'szamla@koszegi.hu',
      preferredLanguage: 'hu',
    });
    const invoice = await c.post<Ids>('/invoices', {
      kind: 'standard',
      customerId: customer.body.id,
      currency: 'EUR',
      issuedOn: today(),
      dueOn: today(),
      lines: [{ description: 'Tanácsadás', quantity: 1, unitPrice: 10_000, vatRate: 27 }],
    });
    const before = suite.smtp.received.length;
    await c.post<Ids>(`/invoices/${invoice.body.id}/email`, {});
    const [mail] = (await suite.smtp.waitFor(before + 1)).slice(before);
    expect(mail!.mail.subject).toBe(`Számla ${invoice.body.number!}`);
    expect(mail!.mail.text).toContain('fizetési határidő');
    const text = pdfText(new Uint8Array(mail!.mail.attachments[0]!.content)).join('\n');
    expect(text).toContain(`Számla ${invoice.body.number!}`);
    expect(text).toContain('Kőszegi Bőrdíszmű Kft.');
    expect(text.replace(/\s/g, '')).toContain('Fizetendő127,00EUR');
  });

  it('retries a temporary refusal once and gives a permanent one up, sending nothing twice', async () => {
    const c = commands(suite.service);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Viga AS' });
    const before = suite.smtp.received.length;
    const temporary = await c.post<Ids>('/emails', {
      customerId: customer.body.id,
      to: ['tempfail@viga.ee'],
      subject: 'Second time lucky',
      text: 'x',
    });
    const permanent = await c.post<Ids>('/emails', {
      customerId: customer.body.id,
      to: ['permfail@viga.ee'],
      subject: 'Nobody home',
      text: 'x',
    });
    const retried = await settled(customer.body.id, temporary.body.id, 'sent');
    expect(retried.attempts).toBe(2);
    expect(retried.lastError).toContain('451');
    const failed = await settled(customer.body.id, permanent.body.id, 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('550');
    // Well past the retry delays: nothing more went out.
    await new Promise((r) => setTimeout(r, 1500));
    const mine = suite.smtp.received.slice(before);
    expect(mine.map((m) => m.to)).toEqual([['tempfail@viga.ee']]);
    expect(
      (await outbox(customer.body.id, 0)).find((e) => e.emailId === permanent.body.id),
    ).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
  });

  it('across a restart sends nothing twice: an interrupted attempt is given up, sent ones stay sent', async () => {
    const c = commands(suite.service);
    const customer = await c.post<Ids>('/customers', {
      kind: 'company',
      name: 'Restart AS',
      email: 'info@restart.ee',
    });
    const sent = await c.post<Ids>('/emails', {
      customerId: customer.body.id,
      subject: 'Before the restart',
      text: 'x',
    });
    await settled(customer.body.id, sent.body.id, 'sent');
    await suite.service.kill('workers');
    const count = suite.smtp.received.length;
    // What a process stopped in the middle of an attempt leaves behind.
    const events = openEventStore({
      eventStoreUrl: suite.service.eventStoreUrl,
      keyStoreUrl: suite.service.keyStoreUrl,
    });
    const emailId = randomUUID();
    const now = new Date().toISOString();
    await appendAll(
      events,
      [
        [
          `email-${emailId}`,
          {
            type: 'EmailQueued',
            data: {
              emailId,
              customerId: customer.body.id,
              to: ['info@restart.ee'],
              subject: 'Interrupted',
              text: 'x',
              attachments: [],
              queuedAt: now,
            },
          },
        ],
        [
          `email-${emailId}`,
          {
            type: 'EmailSendAttempted',
            data: { emailId, customerId: customer.body.id, attempt: 1, attemptedAt: now },
          },
        ],
      ],
      'test',
    );
    await events.close();
    await suite.service.start('workers');
    const interrupted = await settled(customer.body.id, emailId, 'failed');
    expect(interrupted.lastError).toContain('interrupted');
    await new Promise((r) => setTimeout(r, 500));
    expect(suite.smtp.received.length).toBe(count);
    expect(
      (await outbox(customer.body.id, 0)).find((e) => e.emailId === sent.body.id),
    ).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });
});

describe('reminders: before an activity starts, when it is overdue, and a daily digest', () => {
  const suite = mailSuite({
    EMAIL_POLL_MS: '50',
    REMINDER_POLL_MS: '100',
    REMINDER_LEAD_MINUTES: '30',
    DIGEST_HOUR: '0',
  });

  it('tells the assignee once of each, across a restart', async () => {
    const anna = await suite.service.staff('Anna Meelde', ['sales']);
    const c = commands(suite.service, anna);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Meeldetuletus AS' });
    const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
    const soon = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      kind: 'meeting',
      title: 'Contract review',
      startsAt: inMinutes(10),
      endsAt: inMinutes(40),
    });
    expect(soon.status).toBe(201);
    const late = await c.post<Ids>('/activities', {
      customerId: customer.body.id,
      kind: 'call',
      title: 'Missed call back',
      startsAt: inMinutes(-90),
      endsAt: inMinutes(-60),
    });
    expect(late.status).toBe(201);
    const to = 'anna.meelde@example.com';
    const mine = () => suite.smtp.received.filter((m) => m.to.includes(to));
    const deadline = Date.now() + 15_000;
    while (mine().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(mine()).toHaveLength(3);
    const titled = (prefix: string) => mine().filter((m) => m.mail.subject?.startsWith(prefix));
    expect(titled('Reminder: Contract review at ')).toHaveLength(1);
    expect(titled('Overdue: Missed call back')).toHaveLength(1);
    // Planned today or overdue, as the day falls in the calendar's zone.
    expect(titled('Your day ')[0]?.mail.subject).toMatch(
      /^Your day [\d-]{10}: \d planned, \d overdue$/,
    );
    const reminder = mine().find((m) => m.mail.subject?.startsWith('Reminder'))!;
    expect(reminder.mail.text).toContain('Meeldetuletus AS');
    const digest = mine().find((m) => m.mail.subject?.startsWith('Your day'))!;
    // The digest lists what was planned when it went (the first activity at least).
    expect(digest.mail.text).toContain('Contract review');
    expect(digest.mail.text).not.toContain('Meeldetuletus AS');
    // Many rounds later, and after a restart, nobody is told twice.
    await new Promise((r) => setTimeout(r, 700));
    await suite.service.kill('workers');
    await suite.service.start('workers');
    await new Promise((r) => setTimeout(r, 1000));
    expect(mine()).toHaveLength(3);
    const timeline = await queries(suite.service).get<Timeline>(
      `/customers/${customer.body.id}/timeline`,
    );
    expect(timeline.body.items.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['E-mail queued: Overdue: Missed call back']),
    ); // Reminders to staff about the customer are no contact with them.
    expect(
      (await queries(suite.service).get<Contact>(`/customers/${customer.body.id}`)).body
        .lastContactAt,
    ).toBeNull();
  });
});

describe('campaigns: to a segment with consent, personal, with unsubscribe links', () => {
  const suite = mailSuite({
    EMAIL_POLL_MS: '50',
    CAMPAIGN_POLL_MS: '400',
    // One message queued per round: a restart lands in the middle of the campaign.
    CAMPAIGN_RATE_PER_SECOND: '2',
    REMINDERS: 'off',
  });

  it('reaches every consenting member once across a restart; an unsubscribe stops the next one', async () => {
    const c = commands(suite.service);
    const member = async (name: string, email: string, consent: boolean, tag = 'newsletter') => {
      const r = await c.post<Ids>('/customers', { kind: 'person', name, email });
      await c.post(`/customers/${r.body.id}/tags`, { add: [tag] });
      if (consent)
        await c.post(`/customers/${r.body.id}/consents`, { channel: 'email', source: 'web form' });
      return r.body.id;
    };
    const ids = {
      mari: await member('Mari Tamm', 'mari@uudis.ee', true),
      jaan: await member('Jaan Kask', 'jaan@uudis.ee', true),
      liis: await member('Liis Mets', 'liis@uudis.ee', true),
      toomas: await member('Toomas Saar', 'toomas@uudis.ee', true),
      noConsent: await member('Ilma Nõusolekuta', 'ilma@uudis.ee', false),
      other: await member('Teine Segment', 'teine@uudis.ee', true, 'other'),
    };
    const segment = await c.post<Ids>('/segments', {
      name: 'Newsletter',
      rules: { tagsAll: ['newsletter'] },
    });
    const campaign = await c.post<Ids>('/campaigns', {
      name: 'November news',
      segmentId: segment.body.id,
      subject: 'News for {{name}}',
      text: 'Tere, {{name}}!\n\nUnsubscribe: {{unsubscribeUrl}}',
    });
    expect(campaign.status).toBe(201);
    await suite.smtp.waitFor(1);
    // A rolling restart: the round under way ends before the process does.
    await suite.service.kill('workers', 'SIGTERM');
    await suite.service.start('workers');
    await suite.smtp.waitFor(4);
    await new Promise((r) => setTimeout(r, 1500));
    const first = suite.smtp.received.slice();
    expect(first.map((m) => m.to[0]).sort()).toEqual([
      'jaan@uudis.ee',
      'liis@uudis.ee',
      'mari@uudis.ee',
      'toomas@uudis.ee',
    ]);
    const toMari = first.find((m) => m.to[0] === 'mari@uudis.ee')!;
    expect(toMari.mail.subject).toBe('News for Mari Tamm');
    expect(toMari.mail.text).toContain('Tere, Mari Tamm!');
    const link = /Unsubscribe: (\S+)/.exec(toMari.mail.text ?? '')![1]!;
    // List-Unsubscribe with one-click (RFC 8058), as mailparser reads it.
    expect(toMari.mail.headers.get('list')).toEqual({
      unsubscribe: { url: link },
      'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' },
    });

    // The link: a page with a button, then one POST withdraws the consent.
    const path = new URL(link).pathname;
    const page = await fetch(`${suite.service.url['command-api']}${path}`);
    expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('<form')]);
    const done = await fetch(`${suite.service.url['command-api']}${path}`, { method: 'POST' });
    expect([done.status, await done.text()]).toEqual([200, expect.stringContaining('not receive')]);
    const forged = await fetch(`${suite.service.url['command-api']}${path.slice(0, -2)}xx`, {
      method: 'POST',
    });
    expect(await forged.text()).toContain('not valid');

    const q = queries(suite.service);
    const deadline = Date.now() + 15_000;
    let report: {
      status: string;
      recipients: number;
      unsubscribed: number;
      messages: { sent: number };
    };
    for (;;) {
      report = (await q.get<typeof report>(`/campaigns/${campaign.body.id}`)).body;
      if (
        (report.status === 'completed' &&
          report.messages.sent === 4 &&
          report.unsubscribed === 1) ||
        Date.now() > deadline
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(report).toMatchObject({
      status: 'completed',
      recipients: 4,
      unsubscribed: 1,
      messages: { sent: 4, failed: 0, queued: 0 },
    });
    const mari = await q.get<{ consents: Record<string, unknown> }>(`/customers/${ids.mari}`);
    expect(mari.body.consents).not.toHaveProperty('email');
    // The next campaign goes to those who still consent.
    const next = await c.post<Ids>('/campaigns', {
      name: 'December news',
      segmentId: segment.body.id,
      subject: 'More news',
      text: 'Tere, {{name}}!',
    });
    expect(next.status).toBe(201);
    await suite.smtp.waitFor(7);
    await new Promise((r) => setTimeout(r, 1200));
    const second = suite.smtp.received.slice(4);
    expect(second.map((m) => m.to[0]).sort()).toEqual([
      'jaan@uudis.ee',
      'liis@uudis.ee',
      'toomas@uudis.ee',
    ]);
    // Without {{unsubscribeUrl}} in the text the link is added at the end.
    expect(second[0]!.mail.text).toMatch(/To stop receiving these e-mails: http\S+\/unsubscribe\//);
    // Mari consents again; the old link, sent under the earlier consent, now changes nothing.
    const again = await c.post<Ids>(`/customers/${ids.mari}/consents`, {
      channel: 'email',
      source: 'newsletter form',
      givenAt: new Date().toISOString(),
    });
    expect(again.status).toBe(200);
    const stale = await fetch(`${suite.service.url['command-api']}${path}`, { method: 'POST' });
    expect(stale.status).toBe(200);
    const still = await q.get<{ consents: Record<string, unknown> }>(
      `/customers/${ids.mari}`,
      again.body.position,
    );
    expect(still.body.consents).toHaveProperty('email');

    expect(ids.noConsent && ids.other).toBeTruthy();
  });
});
