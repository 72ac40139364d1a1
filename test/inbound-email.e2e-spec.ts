import { readStoreTargets } from './support/read-stores';
import { commands, http, type Ids, queries, type Service } from './support/service';
import { crmAddress, sendToCrm } from './support/inbound-mail';
import { mailServiceOn } from './support/smtp';

type Timeline = {
  items: { type: string; summary: string; position: number; actorName?: string | null }[];
};
type Activity = {
  activityId: string;
  kind: string;
  title?: string;
  assigneeId?: string;
  participants?: { kind: string; id: string }[];
};
type Documents = { items: { documentId: string; name: string; mediaType: string }[] };
type Inbound = {
  inboundEmailId: string;
  status: string;
  customerIds: string[];
  from: string | null;
  subject: string | null;
  text: string | null;
  attachments: { name: string }[] | null;
  inReplyTo: { emailId: string; campaignId: string | null } | null;
};
type Page<T> = { items: T[] };

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const until = async <T>(check: () => Promise<T | undefined>, what: string): Promise<T> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * The timeline's summaries once one matches; `position` is the newest entry's, for reading
 * the other read models as of it (they are projected apart).
 */
const timelineOf = async (service: Service, customerId: string, match: string) =>
  until(async () => {
    const res = await queries(service).get<Timeline>(`/customers/${customerId}/timeline`);
    const summaries = res.body.items.map((e) => e.summary);
    const position = Math.max(0, ...res.body.items.map((e) => e.position));
    return summaries.some((s) => s.includes(match))
      ? Object.assign(summaries, { position })
      : undefined;
  }, `"${match}" on the timeline`);

describe.each(readStoreTargets())(
  'incoming e-mail on record: the inbound SMTP endpoint of the workers, on $name',
  (target) => {
    const suite = mailServiceOn(target, {
      EMAIL_POLL_MS: '50',
      CAMPAIGN_POLL_MS: '200',
      REMINDERS: 'off',
      INBOUND_SMTP_MAX_BYTES: '200000',
    });

    it('logs a message copied to the CRM on the customer of its sender, with its attachments, once', async () => {
      const { service } = suite;
      const anna = await service.staff('Anna Tamm', ['sales']);
      const c = commands(service, anna);
      const customer = await c.post<Ids>('/customers', {
        kind: 'company',
        name: 'Maasikas OÜ',
        email: 'info@maasikas.ee',
      });
      const contact = await c.post<Ids>(`/customers/${customer.body.id}/contacts`, {
        name: 'Mari Maasikas',
        email: 'Mari@Maasikas.ee',
      });
      const message = {
        from: 'Mari Maasikas <mari@maasikas.ee>',
        to: 'Anna Tamm <anna.tamm@example.com>',
        cc: crmAddress,
        subject: 'Tellimus',
        text: 'Tere Anna,\n\nsaadan tellimuse.\n\nMari',
        messageId: '<tellimus-1@maasikas.ee>',
        attachments: [
          { filename: 'tellimus.pdf', content: pdf, contentType: 'application/pdf' },
          {
            filename: 'setup.exe',
            content: Buffer.from('MZ\x90\x00'),
            contentType: 'application/x-msdownload',
          },
        ],
      };
      const sent = await sendToCrm(service, message);
      expect(sent.response).toContain('250');
      expect(sent.response).toContain('Logged on 1 customer');

      const summaries = await timelineOf(service, customer.body.id, 'E-mail from mari@maasikas.ee');
      expect(summaries).toContain('E-mail from mari@maasikas.ee: Tellimus, 1 attachment');
      const activities = await queries(service).get<Page<Activity>>(
        `/activities?customerId=${customer.body.id}`,
        summaries.position,
      );
      const emails = activities.body.items.filter((a) => a.kind === 'email');
      expect(emails).toHaveLength(1);
      // Logged for the member it was addressed to, with the contact who wrote it.
      expect(emails[0]).toMatchObject({
        title: 'Tellimus',
        assigneeId: anna.id,
        participants: [{ kind: 'contact', id: contact.body.contactId }],
      });
      const documents = await queries(service).get<Documents>(
        `/documents?customerId=${customer.body.id}`,
        summaries.position,
      );
      // The PDF is kept as the customer's document; an executable is not.
      expect(documents.body.items.map((d) => [d.name, d.mediaType])).toEqual([
        ['tellimus.pdf', 'application/pdf'],
      ]);
      const content = await fetch(
        `${service.url['query-api']}/documents/${documents.body.items[0]!.documentId}/content`,
        { headers: { authorization: `Bearer ${service.admin.token}` } },
      );
      expect(Buffer.from(await content.arrayBuffer())).toEqual(pdf);

      // The same message again (a resend, a second copy of the workers): nothing new.
      expect((await sendToCrm(service, message)).response).toContain('250');
      const listed = await until(async () => {
        const res = await queries(service).get<Page<Inbound>>('/inbound-emails?status=logged');
        return res.body.items.find((m) => m.inboundEmailId === sent.inboundEmailId);
      }, 'the logged message');
      expect(listed).toMatchObject({ customerIds: [customer.body.id], from: null, text: null });
      const again = await queries(service).get<Page<Activity>>(
        `/activities?customerId=${customer.body.id}`,
      );
      expect(again.body.items.filter((a) => a.kind === 'email')).toHaveLength(1);
    });

    it('logs a message a colleague forwards on the customer it was from', async () => {
      const { service } = suite;
      const jaan = await service.staff('Jaan Kuusk', ['sales']);
      const customer = await commands(service, jaan).post<Ids>('/customers', {
        kind: 'person',
        name: 'Peeter Puu',
        email: 'peeter@puu.ee',
      });
      await sendToCrm(service, {
        from: 'Jaan Kuusk <jaan.kuusk@example.com>',
        subject: 'Fwd: Hinnapäring',
        text: [
          'FYI',
          '',
          '---------- Forwarded message ---------',
          'From: Peeter Puu <peeter@puu.ee>',
          'Date: Mon, 2 Mar 2026 at 09:00',
          'Subject: Hinnapäring',
          'To: <jaan.kuusk@example.com>',
          '',
          'Palun saatke hinnapakkumine.',
        ].join('\n'),
      });
      const forwarded = await timelineOf(
        service,
        customer.body.id,
        'E-mail from jaan.kuusk@example.com: Fwd: Hinnapäring',
      );
      const activities = await queries(service).get<Page<Activity>>(
        `/activities?customerId=${customer.body.id}`,
        forwarded.position,
      );
      expect(activities.body.items.filter((a) => a.kind === 'email')).toHaveLength(1);
    });

    it('holds mail from unknown senders for review: assigned, it is logged; dismissed, its content is gone', async () => {
      const { service } = suite;
      const liis = await service.staff('Liis Mets', ['sales']);
      const customer = await commands(service, liis).post<Ids>('/customers', {
        kind: 'company',
        name: 'Kask AS',
      });
      const unknown = await sendToCrm(service, {
        from: 'Uus Klient <uus@tundmatu.ee>',
        subject: 'Koostöö',
        text: 'Tere, kas saaksime kohtuda?',
        attachments: [{ filename: 'tutvustus.pdf', content: pdf, contentType: 'application/pdf' }],
      });
      expect(unknown.response).toContain('Held for review');
      const spam = await sendToCrm(service, {
        from: 'win@lottery.example',
        subject: 'You won',
        text: 'Click here',
      });

      const review = await until(async () => {
        const res = await queries(service, liis).get<Page<Inbound>>(
          '/inbound-emails?status=review',
        );
        const ids = res.body.items.map((m) => m.inboundEmailId);
        return ids.includes(unknown.inboundEmailId) && ids.includes(spam.inboundEmailId)
          ? res.body.items
          : undefined;
      }, 'both messages in the review list');
      expect(review.find((m) => m.inboundEmailId === unknown.inboundEmailId)).toMatchObject({
        status: 'review',
        customerIds: [],
        from: 'uus@tundmatu.ee',
        subject: 'Koostöö',
        text: 'Tere, kas saaksime kohtuda?',
        attachments: [{ name: 'tutvustus.pdf' }],
      });

      const c = commands(service, liis);
      const assigned = await c.post<Ids & { activityId: string }>(
        `/inbound-emails/${unknown.inboundEmailId}/assign`,
        { customerId: customer.body.id },
      );
      expect(assigned.status).toBe(200);
      const timeline = await queries(service).get<Timeline>(
        `/customers/${customer.body.id}/timeline`,
        assigned.body.position,
      );
      expect(timeline.body.items.map((e) => e.summary)).toContain(
        'E-mail from uus@tundmatu.ee: Koostöö, 1 attachment',
      );
      const documents = await queries(service).get<Documents>(
        `/documents?customerId=${customer.body.id}`,
        assigned.body.position,
      );
      expect(documents.body.items.map((d) => d.name)).toEqual(['tutvustus.pdf']);
      const after = await queries(service).get<Inbound>(
        `/inbound-emails/${unknown.inboundEmailId}`,
        assigned.body.position,
      );
      // Off the review list; its content now lives on the customer's timeline only.
      expect(after.body).toMatchObject({
        status: 'assigned',
        customerIds: [customer.body.id],
        text: null,
      });
      // Assigned once: again (another request) is refused, and appends nothing.
      const twice = await c.post(`/inbound-emails/${unknown.inboundEmailId}/assign`, {
        customerId: customer.body.id,
      });
      expect([twice.status, twice.body['type']]).toEqual([
        409,
        expect.stringContaining('inbound-email-not-in-review'),
      ]);

      const dismissed = await c.post<Ids>(`/inbound-emails/${spam.inboundEmailId}/dismiss`, {
        reason: 'spam',
      });
      expect(dismissed.status).toBe(200);
      const gone = await queries(service).get<Inbound>(
        `/inbound-emails/${spam.inboundEmailId}`,
        dismissed.body.position,
      );
      expect(gone.body).toMatchObject({
        status: 'dismissed',
        from: null,
        subject: null,
        text: null,
      });
      const late = await c.post(`/inbound-emails/${spam.inboundEmailId}/assign`, {
        customerId: customer.body.id,
      });
      expect(late.status).toBe(409);
      const missing = await c.post('/inbound-emails/00000000-0000-4000-8000-000000000000/dismiss');
      expect(missing.status).toBe(404);
    });

    it('links a reply to the message of the outbox it answers, and to its campaign', async () => {
      const { service, smtp } = suite;
      const c = commands(service);
      const customer = await c.post<Ids>('/customers', {
        kind: 'person',
        name: 'Kai Kuusk',
        email: 'kai@kuusk.ee',
      });
      await c.post(`/customers/${customer.body.id}/tags`, { add: ['replies'] });
      await c.post(`/customers/${customer.body.id}/consents`, {
        channel: 'email',
        source: 'web form',
      });
      const segment = await c.post<Ids>('/segments', {
        name: 'Replies',
        rules: { tagsAll: ['replies'] },
      });
      const campaign = await c.post<Ids>('/campaigns', {
        name: 'Spring offer',
        segmentId: segment.body.id,
        subject: 'Spring offer for {{name}}',
        text: 'Tere, {{name}}!',
      });
      expect(campaign.status).toBe(201);
      const delivered = await until(
        () => Promise.resolve(smtp.received.find((m) => m.to.includes('kai@kuusk.ee'))),
        'the campaign message',
      );
      const originalId = delivered.mail.messageId!;
      // Our outbox records the Message-ID the mail server took once it is sent.
      await until(async () => {
        const res = await queries(service).get<Page<{ status: string; messageId: string | null }>>(
          `/emails?customerId=${customer.body.id}`,
        );
        return res.body.items.some((e) => e.messageId === originalId) ? true : undefined;
      }, 'the sent message');

      const reply = await sendToCrm(service, {
        from: 'kai@kuusk.ee',
        subject: 'Re: Spring offer for Kai Kuusk',
        text: 'Jah, olen huvitatud.',
        inReplyTo: originalId,
        references: [originalId],
      });
      expect(reply.response).toContain('Logged on 1 customer');
      await timelineOf(
        service,
        customer.body.id,
        'E-mail from kai@kuusk.ee (a reply): Re: Spring offer',
      );
      const received = await until(async () => {
        const res = await queries(service).get<Inbound>(`/inbound-emails/${reply.inboundEmailId}`);
        return res.status === 200 ? res.body : undefined;
      }, 'the reply');
      expect(received.inReplyTo?.campaignId).toBe(campaign.body.id);
      expect(received.inReplyTo?.emailId).toMatch(/^[0-9a-f-]{36}$/);
      const report = await until(async () => {
        const res = await queries(service).get<{ replies: number }>(
          `/campaigns/${campaign.body.id}`,
        );
        return res.body.replies === 1 ? res.body : undefined;
      }, 'the reply counted on the campaign');
      expect(report.replies).toBe(1);
    });

    it('takes mail for the CRM address only, up to its size limit, and refuses for good what cannot be read', async () => {
      const { service } = suite;
      await expect(
        sendToCrm(service, { to: 'someone@elsewhere.example', from: 'x@y.ee', subject: 'relay?' }),
      ).rejects.toThrow(/550/);
      await expect(
        sendToCrm(service, {
          from: 'x@y.ee',
          subject: 'big',
          attachments: [{ filename: 'big.bin', content: Buffer.alloc(300_000, 1) }],
        }),
      ).rejects.toThrow(/552/);
      // Parts nested past what the parser reads: a permanent refusal, not "try again later".
      const nested = 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n'.repeat(2000);
      await expect(
        sendToCrm(service, {
          envelope: { from: 'x@y.ee', to: crmAddress },
          raw: `From: x@y.ee\r\nSubject: nested\r\n${nested}`,
        }),
      ).rejects.toThrow(/554 The message cannot be read/);
      const status = await http<{ listening: boolean; address: string; received: number }>(
        'GET',
        `${service.url.workers}/inbound-mail/status`,
      );
      expect(status.body).toMatchObject({ listening: true, address: crmAddress });
    });
  },
);
