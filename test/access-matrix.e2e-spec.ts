import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '#event-store';
import {
  type Actor,
  http,
  type Ids,
  type Reply,
  type Service,
  startService,
  upload,
} from './support/service';
import {
  type RecordedRegistry,
  registryEnv,
  startRecordedRegistry,
} from '../libs/platform/src/registry/recorded-registry';
import { day } from './support/days';
import { sendToCrm } from './support/inbound-mail';

type Role = 'sales' | 'manager' | 'admin' | 'analyst' | 'auditor';
const roles: Role[] = ['sales', 'manager', 'admin', 'analyst', 'auditor'];
const sellers: Role[] = ['sales', 'manager'];
const organisers: Role[] = ['manager', 'admin'];
const readers: Role[] = ['sales', 'manager', 'analyst', 'admin'];
const auditors: Role[] = ['auditor', 'admin'];
const admins: Role[] = ['admin'];

/** A request ready to send: which app, where, with what; `after` waits for the read side. */
type Request = {
  app: 'command-api' | 'query-api';
  path: string;
  body?: unknown;
  after?: number;
  /** A multipart upload instead of a JSON body. */
  file?: { fields: Record<string, string>; bytes: string };
  /** An XML document instead of a JSON body. */
  xml?: string;
};
/** `prepare` may use the acting role (a member's own calendar feed). */
type Row = {
  endpoint: string;
  allowed: Role[];
  prepare: (role: Role) => Request | Promise<Request>;
};

/** Commands that create something answer 201: `POST /leads`, `POST /deals/{id}/offers`, a queued e-mail… */
const creates = (method: string, path: string) =>
  method === 'POST' &&
  (path.split('/').length === 2 ||
    [
      '/contacts',
      '/stages',
      '/offers',
      '/payments',
      '/log',
      '/drafts',
      '/email',
      '/refunds',
      '/transfers',
      '/credit-notes',
      '/calendar-feed',
      '/share',
      '/order',
      '/rules',
    ].some((s) => path.endsWith(s)));

/**
 * Every endpoint of both APIs against every role, written out independently of the access
 * table in the code: each cell is 2xx or 403 as this table says, and a refused request
 * appends nothing.
 */
describe('role × endpoint matrix', () => {
  let service: Service;
  let registry: RecordedRegistry;
  let store: SqliteEventStore;
  const actors = {} as Record<Role, Actor>;
  const as = (actor: Actor, method: string, req: Request) =>
    req.file
      ? upload(`${service.url[req.app]}${req.path}`, actor.token, req.file.fields, {
          name: 'note.txt',
          type: 'text/plain',
          bytes: new TextEncoder().encode(req.file.bytes),
        })
      : http(method, `${service.url[req.app]}${req.path}`, req.xml ?? req.body, {
          authorization: `Bearer ${actor.token}`,
          ...(req.xml !== undefined ? { 'content-type': 'application/xml' } : {}),
          ...(req.after !== undefined ? { 'x-min-position': String(req.after) } : {}),
        });
  const admin = (path: string, body: unknown = {}) =>
    as(service.admin, 'POST', { app: 'command-api', path, body }) as Promise<Reply<Ids>>;

  const pipeline = async () =>
    (
      await admin('/pipelines', {
        name: `P ${randomUUID()}`,
        stages: [{ name: 'A' }, { name: 'B' }],
      })
    ).body;
  /** A custom field of its own for each request: a key is a field's for good. */
  const field = (entity: string, fieldType: string) => ({
    fieldKey: `f${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    entity,
    label: `F ${randomUUID()}`,
    fieldType,
  });
  /** A catalogue product of its own for each request: a code is a product's for good. */
  const product = () => ({
    productCode: `P-${randomUUID().slice(0, 13)}`,
    name: `Product ${randomUUID()}`,
    kind: 'service',
    unit: 'h',
    vatRate: 24,
    prices: [{ currency: 'EUR', unitPrice: 5_000 }],
  });
  const customer = async () =>
    (await admin('/customers', { kind: 'company', name: `C ${randomUUID()}` })).body;
  const lead = async () => (await admin('/leads', { personName: 'Lea', source: 'web' })).body;
  const deal = async () => {
    const p = await pipeline();
    const c = await customer();
    const d = await admin('/deals', {
      customerId: c.id,
      pipelineId: p.id,
      title: 'Deal',
      value: { amount: 1000, currency: 'EUR' },
    });
    return { ...d.body, stageIds: p.stageIds!, customerId: c.id, pipelineId: p.id };
  };
  const offer = (quantity = 1) => ({
    lines: [{ kind: 'service', description: 'Work', quantity, unitPrice: 1000, vatRate: 24 }],
    currency: 'EUR',
    validUntil: day(10),
  });
  const offered = async () => {
    const d = await deal();
    const o = await admin(`/deals/${d.id}/offers`, offer());
    return { dealId: d.id, offerId: o.body.offerId! };
  };
  const draftBody = (customerId: string) => ({
    kind: 'standard',
    customerId,
    currency: 'EUR',
    lines: [{ description: 'Work', quantity: 1, unitPrice: 100, vatRate: 24 }],
  });
  const draft = async () =>
    (await admin('/invoices/drafts', draftBody((await customer()).id))).body.id;
  const invoice = async () =>
    (
      await admin('/invoices', {
        kind: 'standard',
        customerId: (await customer()).id,
        currency: 'EUR',
        issuedOn: day(),
        dueOn: day(14),
        lines: [{ description: 'Work', quantity: 1, unitPrice: 100, vatRate: 24 }],
      })
    ).body.id;
  /** An invoice of a customer with an e-mail address (an e-invoice names it), paid, with a credit note. */
  const documented = async () => {
    const c = await admin('/customers', {
      kind: 'company',
      name: `D ${randomUUID()}`,
      email: 'arved@example.com',
    });
    const issue = () =>
      admin('/invoices', {
        kind: 'standard',
        customerId: c.body.id,
        currency: 'EUR',
        issuedOn: day(),
        dueOn: day(14),
        lines: [{ description: 'Work', quantity: 2, unitPrice: 100, vatRate: 24 }],
      });
    const [first, second] = [await issue(), await issue()];
    await admin(`/invoices/${first.body.id}/payments`, {
      amount: 248,
      currency: 'EUR',
      paidOn: day(),
    });
    const note = await admin(`/invoices/${second.body.id}/credit-notes`, {
      reason: 'Less work',
      lines: [{ line: 1, quantity: 1 }],
    });
    return {
      paid: first.body.id,
      other: second.body.id,
      creditNote: (note.body as Ids & { creditNoteNumber: string }).creditNoteNumber,
      position: note.body.position,
    };
  };
  /** A camt.053 statement of the seller's account with one line no invoice matches. */
  const statement = (statementId = randomUUID()) =>
    `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>${day()}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${statementId}</Id><Acct><Id><IBAN>EE382200221020145685</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">0.07</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${day()}</Dt></BookgDt>
<AcctSvcrRef>tx-${statementId}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Nobody Known</Nm></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`;
  const importedStatement = async () => {
    const id = randomUUID();
    const reply = await http<Ids>(
      'POST',
      `${service.url['command-api']}/bank-statements`,
      statement(id),
      {
        authorization: `Bearer ${service.admin.token}`,
        'content-type': 'application/xml',
      },
    );
    return { id: reply.body.id, entryId: `tx-${id}`, position: reply.body.position };
  };
  const document = async () =>
    (
      await upload<Ids>(
        `${service.url['command-api']}/documents`,
        service.admin.token,
        { linkKind: 'customer', linkId: (await customer()).id },
        { name: 'note.txt', type: 'text/plain', bytes: new TextEncoder().encode('hello') },
      )
    ).body;
  const activity = async () => {
    const c = await customer();
    return (
      await admin('/activities', { customerId: c.id, kind: 'call', title: 'Call', dueOn: day(1) })
    ).body;
  };
  /** An agreement with a new customer, in force for a year. */
  const agreementTerms = async () => ({
    customerId: (await customer()).id,
    title: 'Support',
    terms: 'Two visits a year',
    agreedOn: day(),
    validUntil: day(365),
  });
  /** A won deal whose order is under way. */
  const ordered = async () => {
    const d = await deal();
    await admin(`/deals/${d.id}/win`);
    await admin(`/deals/${d.id}/order`, { promisedOn: day(14) });
    return d;
  };
  const ticket = async () => {
    const c = await customer();
    return (
      await admin('/tickets', {
        customerId: c.id,
        channel: 'email',
        subject: 'Help',
        priority: 'normal',
      })
    ).body;
  };
  const member = async () =>
    (await admin('/staff', { name: 'Temp', email: 'temp@example.com', roles: ['sales'] })).body;
  const command = (path: string, body: unknown = {}): Request => ({
    app: 'command-api',
    path,
    body,
  });
  const query = (path: string, after?: number): Request => ({
    app: 'query-api',
    path,
    ...(after !== undefined ? { after } : {}),
  });

  const rows: Row[] = [
    {
      endpoint: 'POST /leads',
      allowed: sellers,
      prepare: () => command('/leads', { personName: 'Lea', source: 'web' }),
    },
    {
      endpoint: 'POST /leads/:id/details',
      allowed: sellers,
      prepare: async () =>
        command(`/leads/${(await lead()).id}/details`, { email: `l${randomUUID()}@example.com` }),
    },
    {
      endpoint: 'POST /leads/:id/qualify',
      allowed: sellers,
      prepare: async () => command(`/leads/${(await lead()).id}/qualify`),
    },
    {
      endpoint: 'POST /leads/:id/disqualify',
      allowed: sellers,
      prepare: async () =>
        command(`/leads/${(await lead()).id}/disqualify`, { reason: 'no budget' }),
    },
    {
      endpoint: 'POST /leads/:id/convert',
      allowed: sellers,
      prepare: async () => {
        const l = await lead();
        await admin(`/leads/${l.id}/qualify`);
        return command(`/leads/${l.id}/convert`, {
          pipelineId: (await pipeline()).id,
          value: { amount: 5, currency: 'EUR' },
        });
      },
    },
    {
      endpoint: 'POST /leads/:id/owner',
      allowed: sellers,
      prepare: async () =>
        command(`/leads/${(await lead()).id}/owner`, { ownerId: actors.sales.id }),
    },
    {
      endpoint: 'POST /customers',
      allowed: sellers,
      prepare: () => command('/customers', { kind: 'person', name: 'Mari' }),
    },
    {
      endpoint: 'POST /customers/:id/owner',
      allowed: sellers,
      prepare: async () =>
        command(`/customers/${(await customer()).id}/owner`, { ownerId: actors.sales.id }),
    },
    {
      endpoint: 'POST /customers/:id/profile',
      allowed: sellers,
      prepare: async () =>
        command(`/customers/${(await customer()).id}/profile`, { website: 'https://example.com' }),
    },
    {
      endpoint: 'POST /customers/:id/contacts',
      allowed: sellers,
      prepare: async () =>
        command(`/customers/${(await customer()).id}/contacts`, { name: 'Mari', role: 'CEO' }),
    },
    {
      endpoint: 'POST /customers/:id/contacts/:contactId',
      allowed: sellers,
      prepare: async () => {
        const c = await customer();
        const added = await admin(`/customers/${c.id}/contacts`, { name: 'Mari' });
        return command(`/customers/${c.id}/contacts/${added.body.contactId!}`, {
          role: 'CFO',
        });
      },
    },
    {
      endpoint: 'POST /customers/:id/contacts/:contactId/remove',
      allowed: sellers,
      prepare: async () => {
        const c = await customer();
        const added = await admin(`/customers/${c.id}/contacts`, { name: 'Mari' });
        return command(`/customers/${c.id}/contacts/${added.body.contactId!}/remove`);
      },
    },
    {
      endpoint: 'POST /customers/:id/category',
      allowed: sellers,
      prepare: async () =>
        command(`/customers/${(await customer()).id}/category`, {
          category: 'top',
          reason: 'key account',
        }),
    },
    {
      endpoint: 'POST /customers/:id/tags',
      allowed: sellers,
      prepare: async () => command(`/customers/${(await customer()).id}/tags`, { add: ['vip'] }),
    },
    {
      endpoint: 'POST /customers/:id/consents',
      allowed: sellers,
      prepare: async () =>
        command(`/customers/${(await customer()).id}/consents`, {
          channel: 'email',
          source: 'web form',
        }),
    },
    {
      endpoint: 'POST /customers/:id/consents/withdraw',
      allowed: sellers,
      prepare: async () => {
        const c = await customer();
        await admin(`/customers/${c.id}/consents`, { channel: 'sms', source: 'fair' });
        return command(`/customers/${c.id}/consents/withdraw`, { channel: 'sms', source: 'call' });
      },
    },
    {
      endpoint: 'POST /customers/:id/registry-data',
      allowed: sellers,
      prepare: async () =>
        command(`/customers/${(await customer()).id}/registry-data`, {
          registry: 'EE e-Business Register',
          registryCode: '12345678',
          legalName: 'Firma OÜ',
          allowDuplicate: true,
        }),
    },
    {
      endpoint: 'POST /customers/:id/registry-data/fetch',
      allowed: sellers,
      prepare: async () =>
        command(`/customers/${(await customer()).id}/registry-data/fetch`, {
          registryCode: '14012345',
          allowDuplicate: true,
        }),
    },
    {
      endpoint: 'POST /customers/:id/registry-data/refresh',
      allowed: sellers,
      prepare: async () => {
        const c = await admin('/customers', {
          kind: 'company',
          name: `R ${randomUUID()}`,
          registryCode: '14012345',
          allowDuplicate: true,
        });
        return command(`/customers/${c.body.id}/registry-data/refresh`);
      },
    },
    {
      endpoint: 'GET /registry/companies',
      allowed: sellers,
      prepare: () => ({ app: 'command-api', path: '/registry/companies?code=14012345' }),
    },
    {
      endpoint: 'POST /customers/:id/archive',
      allowed: sellers,
      prepare: async () => command(`/customers/${(await customer()).id}/archive`),
    },
    {
      endpoint: 'POST /customers/:id/restore',
      allowed: sellers,
      prepare: async () => {
        const c = await customer();
        await admin(`/customers/${c.id}/archive`);
        return command(`/customers/${c.id}/restore`);
      },
    },
    {
      endpoint: 'POST /emails',
      allowed: sellers,
      prepare: async () =>
        command('/emails', {
          customerId: (await customer()).id,
          to: ['someone@example.com'],
          subject: 'Hello',
          text: 'Hello',
        }),
    },
    {
      endpoint: 'POST /campaigns',
      allowed: organisers,
      prepare: async () => {
        const segment = await admin('/segments', { name: 'S', rules: { tagsAll: ['x'] } });
        return command('/campaigns', {
          name: 'C',
          segmentId: segment.body.id,
          subject: 'Hello',
          text: 'Hello {{name}}',
        });
      },
    },
    {
      endpoint: 'POST /webhooks',
      allowed: ['admin'],
      prepare: () =>
        command('/webhooks', { url: 'https://erp.example.com/hook', eventTypes: ['DealWon'] }),
    },
    {
      endpoint: 'POST /webhooks/:id/unsubscribe',
      allowed: ['admin'],
      prepare: async () => {
        const w = await admin('/webhooks', {
          url: 'https://erp.example.com/hook',
          eventTypes: ['DealWon'],
        });
        return command(`/webhooks/${w.body.id}/unsubscribe`);
      },
    },
    {
      endpoint: 'POST /workflow-rules',
      allowed: ['admin'],
      prepare: () =>
        command('/workflow-rules', { name: 'Expire', rule: { kind: 'expire-offers' } }),
    },
    {
      endpoint: 'POST /workflow-rules/:id/disable',
      allowed: ['admin'],
      prepare: async () => {
        const r = await admin('/workflow-rules', { name: 'E', rule: { kind: 'expire-offers' } });
        return command(`/workflow-rules/${r.body.id}/disable`);
      },
    },
    {
      endpoint: 'POST /workflow-rules/:id/enable',
      allowed: ['admin'],
      prepare: async () => {
        const r = await admin('/workflow-rules', { name: 'E', rule: { kind: 'expire-offers' } });
        return command(`/workflow-rules/${r.body.id}/enable`);
      },
    },
    {
      endpoint: 'POST /leads/:id/erase',
      allowed: ['admin'],
      prepare: async () =>
        command(`/leads/${(await lead()).id}/erase`, { reason: 'erasure request' }),
    },
    {
      endpoint: 'POST /customers/:id/erase',
      allowed: ['admin'],
      prepare: async () =>
        command(`/customers/${(await customer()).id}/erase`, { reason: 'erasure request' }),
    },
    {
      endpoint: 'POST /pipelines',
      allowed: organisers,
      prepare: () => command('/pipelines', { name: 'Q', stages: [{ name: 'A' }] }),
    },
    {
      endpoint: 'POST /pipelines/:id/rename',
      allowed: organisers,
      prepare: async () => command(`/pipelines/${(await pipeline()).id}/rename`, { name: 'R' }),
    },
    {
      endpoint: 'POST /pipelines/:id/archive',
      allowed: organisers,
      prepare: async () => command(`/pipelines/${(await pipeline()).id}/archive`, {}),
    },
    {
      endpoint: 'POST /pipelines/:id/restore',
      allowed: organisers,
      prepare: async () => command(`/pipelines/${(await pipeline()).id}/restore`, {}),
    },
    {
      endpoint: 'POST /pipelines/:id/stages',
      allowed: organisers,
      prepare: async () =>
        command(`/pipelines/${(await pipeline()).id}/stages`, { name: 'Won', index: 1 }),
    },
    {
      endpoint: 'POST /pipelines/:id/stages/:stageId/rename',
      allowed: organisers,
      prepare: async () => {
        const p = await pipeline();
        return command(`/pipelines/${p.id}/stages/${p.stageIds![0]!}/rename`, { name: 'First' });
      },
    },
    {
      endpoint: 'POST /pipelines/:id/stages/:stageId/settings',
      allowed: organisers,
      prepare: async () => {
        const p = await pipeline();
        return command(`/pipelines/${p.id}/stages/${p.stageIds![0]!}/settings`, {
          probability: 20,
        });
      },
    },
    {
      endpoint: 'POST /pipelines/:id/stages/:stageId/remove',
      allowed: organisers,
      prepare: async () => {
        const p = await pipeline();
        return command(`/pipelines/${p.id}/stages/${p.stageIds![1]!}/remove`);
      },
    },
    {
      endpoint: 'POST /pipelines/:id/reorder-stages',
      allowed: organisers,
      prepare: async () => {
        const p = await pipeline();
        return command(`/pipelines/${p.id}/reorder-stages`, {
          stageIds: [...p.stageIds!].reverse(),
        });
      },
    },
    {
      endpoint: 'POST /deals/:id/value',
      allowed: sellers,
      prepare: async () =>
        command(`/deals/${(await deal()).id}/value`, { value: { amount: 7, currency: 'EUR' } }),
    },
    {
      endpoint: 'POST /deals/:id/rename',
      allowed: sellers,
      prepare: async () => command(`/deals/${(await deal()).id}/rename`, { title: 'Renamed' }),
    },
    {
      endpoint: 'POST /deals/:id/offers',
      allowed: sellers,
      prepare: async () => command(`/deals/${(await deal()).id}/offers`, offer()),
    },
    {
      endpoint: 'POST /deals/:id/offers/:offerId/revise',
      allowed: sellers,
      prepare: async () => {
        const o = await offered();
        return command(`/deals/${o.dealId}/offers/${o.offerId}/revise`, offer(2));
      },
    },
    {
      endpoint: 'POST /deals/:id/offers/:offerId/accept',
      allowed: sellers,
      prepare: async () => {
        const o = await offered();
        return command(`/deals/${o.dealId}/offers/${o.offerId}/accept`, { version: 1 });
      },
    },
    {
      endpoint: 'POST /deals/:id/offers/:offerId/reject',
      allowed: sellers,
      prepare: async () => {
        const o = await offered();
        return command(`/deals/${o.dealId}/offers/${o.offerId}/reject`, { reason: 'price' });
      },
    },
    {
      endpoint: 'POST /deals/:id/offers/:offerId/expire',
      allowed: sellers,
      prepare: async () => {
        // An offer still valid would be a 409; sweeping an answered one is a 200 no-op.
        const o = await offered();
        await admin(`/deals/${o.dealId}/offers/${o.offerId}/reject`, { reason: 'price' });
        return command(`/deals/${o.dealId}/offers/${o.offerId}/expire`);
      },
    },
    {
      endpoint: 'POST /deals/:id/pipeline',
      allowed: sellers,
      prepare: async () =>
        command(`/deals/${(await deal()).id}/pipeline`, { pipelineId: (await pipeline()).id }),
    },
    {
      endpoint: 'POST /deals',
      allowed: sellers,
      prepare: async () =>
        command('/deals', {
          customerId: (await customer()).id,
          pipelineId: (await pipeline()).id,
          title: 'D',
          value: { amount: 1, currency: 'EUR' },
        }),
    },
    {
      endpoint: 'POST /deals/:id/stage',
      allowed: sellers,
      prepare: async () => {
        const d = await deal();
        return command(`/deals/${d.id}/stage`, { stageId: d.stageIds[1] });
      },
    },
    {
      endpoint: 'POST /deals/:id/next-action',
      allowed: sellers,
      prepare: async () =>
        command(`/deals/${(await deal()).id}/next-action`, { dueOn: day(2), description: 'Call' }),
    },
    {
      endpoint: 'POST /deals/:id/win',
      allowed: sellers,
      prepare: async () => command(`/deals/${(await deal()).id}/win`),
    },
    {
      endpoint: 'POST /deals/:id/lose',
      allowed: sellers,
      prepare: async () => command(`/deals/${(await deal()).id}/lose`, { reason: 'price' }),
    },
    {
      endpoint: 'POST /deals/:id/reopen',
      allowed: sellers,
      prepare: async () => {
        const d = await deal();
        await admin(`/deals/${d.id}/lose`, { reason: 'price' });
        return command(`/deals/${d.id}/reopen`);
      },
    },
    {
      endpoint: 'POST /deals/:id/owner',
      allowed: sellers,
      prepare: async () =>
        command(`/deals/${(await deal()).id}/owner`, { ownerId: actors.sales.id }),
    },
    {
      endpoint: 'POST /invoices',
      allowed: sellers,
      prepare: async () =>
        command('/invoices', {
          kind: 'standard',
          customerId: (await customer()).id,
          currency: 'EUR',
          issuedOn: day(),
          dueOn: day(14),
          lines: [{ description: 'Work', quantity: 1, unitPrice: 100, vatRate: 24 }],
        }),
    },
    {
      endpoint: 'POST /invoices/drafts',
      allowed: sellers,
      prepare: async () => command('/invoices/drafts', draftBody((await customer()).id)),
    },
    {
      endpoint: 'POST /invoices/:id/draft',
      allowed: sellers,
      prepare: async () =>
        command(`/invoices/${await draft()}/draft`, {
          kind: 'standard',
          currency: 'EUR',
          lines: [{ description: 'More work', quantity: 2, unitPrice: 100, vatRate: 24 }],
        }),
    },
    {
      endpoint: 'POST /invoices/:id/discard',
      allowed: sellers,
      prepare: async () => command(`/invoices/${await draft()}/discard`),
    },
    {
      endpoint: 'POST /invoices/:id/issue',
      allowed: sellers,
      prepare: async () =>
        command(`/invoices/${await draft()}/issue`, { issuedOn: day(), dueOn: day(14) }),
    },
    {
      endpoint: 'POST /invoices/:id/send',
      allowed: sellers,
      prepare: async () =>
        command(`/invoices/${await invoice()}/send`, { channel: 'email', recipient: 'a@b.ee' }),
    },
    {
      endpoint: 'POST /invoices/:id/email',
      allowed: sellers,
      prepare: async () => command(`/invoices/${await invoice()}/email`, { to: ['a@b.ee'] }),
    },
    {
      endpoint: 'POST /invoices/:id/payments',
      allowed: sellers,
      prepare: async () =>
        command(`/invoices/${await invoice()}/payments`, {
          amount: 50,
          currency: 'EUR',
          paidOn: day(),
        }),
    },
    {
      endpoint: 'POST /invoices/:id/void',
      allowed: sellers,
      prepare: async () => command(`/invoices/${await invoice()}/void`, { reason: 'mistake' }),
    },
    {
      endpoint: 'POST /invoices/:id/refunds',
      allowed: sellers,
      prepare: async () =>
        command(`/invoices/${(await documented()).paid}/refunds`, {
          amount: 10,
          currency: 'EUR',
          refundedOn: day(),
          reason: 'Returned',
        }),
    },
    {
      endpoint: 'POST /invoices/:id/transfers',
      allowed: sellers,
      prepare: async () => {
        const d = await documented();
        return command(`/invoices/${d.paid}/transfers`, { toInvoiceId: d.other, amount: 10 });
      },
    },
    {
      endpoint: 'POST /invoices/:id/credit-notes',
      allowed: sellers,
      prepare: async () =>
        command(`/invoices/${await invoice()}/credit-notes`, {
          reason: 'Less work',
          lines: [{ line: 1 }],
        }),
    },
    {
      endpoint: 'POST /bank-statements',
      allowed: sellers,
      prepare: () => ({ app: 'command-api', path: '/bank-statements', xml: statement() }),
    },
    {
      endpoint: 'POST /bank-statements/:id/entries/:entryId/assign',
      allowed: sellers,
      prepare: async () => {
        const s = await importedStatement();
        return command(`/bank-statements/${s.id}/entries/${s.entryId}/assign`, {
          invoiceId: await invoice(),
        });
      },
    },
    {
      endpoint: 'POST /activities',
      allowed: sellers,
      prepare: async () =>
        command('/activities', {
          customerId: (await customer()).id,
          kind: 'meeting',
          title: 'Meet',
          startsAt: `${day(1)}T10:00:00Z`,
          endsAt: `${day(1)}T11:00:00Z`,
        }),
    },
    {
      endpoint: 'POST /activities/log',
      allowed: sellers,
      prepare: async () =>
        command('/activities/log', {
          customerId: (await customer()).id,
          kind: 'call',
          summary: 'Discussed the offer',
          minutesSpent: 12,
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        }),
    },
    {
      endpoint: 'POST /calls',
      allowed: sellers,
      prepare: async () => {
        // A number of its own per row, so that each call finds its one customer.
        const number = `+372 5${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
        await admin('/customers', { kind: 'company', name: `C ${randomUUID()}`, phone: number });
        return command('/calls', {
          number,
          direction: 'inbound',
          startedAt: new Date(Date.now() - 3_600_000).toISOString(),
          durationSeconds: 60,
          staffId: service.admin.id,
        });
      },
    },
    {
      endpoint: 'POST /staff/:id/calendar-feed',
      allowed: roles,
      prepare: (role) => command(`/staff/${actors[role].id}/calendar-feed`),
    },
    {
      endpoint: 'POST /staff/:id/calendar-feed/revoke',
      allowed: roles,
      prepare: async (role) => {
        await as(actors[role], 'POST', command(`/staff/${actors[role].id}/calendar-feed`));
        return command(`/staff/${actors[role].id}/calendar-feed/revoke`);
      },
    },
    {
      endpoint: 'POST /tickets/:id/share',
      allowed: sellers,
      prepare: async () => command(`/tickets/${(await ticket()).id}/share`, { expiresInDays: 3 }),
    },
    {
      endpoint: 'POST /tickets/:id/share/revoke',
      allowed: sellers,
      prepare: async () => {
        const t = await ticket();
        await admin(`/tickets/${t.id}/share`);
        return command(`/tickets/${t.id}/share/revoke`);
      },
    },
    {
      endpoint: 'POST /deals/:id/expected-close',
      allowed: sellers,
      prepare: async () =>
        command(`/deals/${(await deal()).id}/expected-close`, { expectedCloseOn: day(30) }),
    },
    {
      endpoint: 'POST /deals/:id/order',
      allowed: sellers,
      prepare: async () => {
        const d = await deal();
        await admin(`/deals/${d.id}/win`);
        return command(`/deals/${d.id}/order`, { promisedOn: day(14) });
      },
    },
    {
      endpoint: 'POST /deals/:id/order/status',
      allowed: sellers,
      prepare: async () => {
        const d = await ordered();
        return command(`/deals/${d.id}/order/status`, { status: 'shipped' });
      },
    },
    {
      endpoint: 'POST /deals/:id/order/promise',
      allowed: sellers,
      prepare: async () => {
        const d = await ordered();
        return command(`/deals/${d.id}/order/promise`, { promisedOn: day(21), reason: 'late' });
      },
    },
    {
      endpoint: 'POST /teams',
      allowed: organisers,
      prepare: () => command('/teams', { name: 'T', memberIds: [service.admin.id] }),
    },
    {
      endpoint: 'POST /teams/:id/members',
      allowed: organisers,
      prepare: async () => {
        const t = await admin('/teams', { name: 'T', memberIds: [service.admin.id] });
        return command(`/teams/${t.body.id}/members`, { memberIds: [service.admin.id] });
      },
    },
    {
      endpoint: 'POST /lead-routing/rules',
      allowed: organisers,
      prepare: () =>
        command('/lead-routing/rules', {
          name: 'R',
          sources: [`source ${randomUUID()}`],
          assignTo: { staffId: service.admin.id },
        }),
    },
    {
      endpoint: 'POST /lead-routing/rules/:id/remove',
      allowed: organisers,
      prepare: async () => {
        const r = await admin('/lead-routing/rules', {
          name: 'R',
          sources: [`source ${randomUUID()}`],
          assignTo: { staffId: service.admin.id },
        });
        return command(`/lead-routing/rules/${r.body.id}/remove`);
      },
    },
    {
      endpoint: 'POST /web-forms',
      allowed: organisers,
      prepare: () => command('/web-forms', { name: 'F', ownerId: service.admin.id }),
    },
    {
      endpoint: 'POST /web-forms/:id/disable',
      allowed: organisers,
      prepare: async () => {
        const f = await admin('/web-forms', { name: 'F', ownerId: service.admin.id });
        return command(`/web-forms/${f.body.id}/disable`);
      },
    },
    {
      endpoint: 'POST /agreements',
      allowed: sellers,
      prepare: async () => command('/agreements', await agreementTerms()),
    },
    {
      endpoint: 'POST /agreements/:id/renew',
      allowed: sellers,
      prepare: async () => {
        const a = await admin('/agreements', await agreementTerms());
        return command(`/agreements/${a.body.id}/renew`, { validUntil: day(730) });
      },
    },
    {
      endpoint: 'POST /agreements/:id/terminate',
      allowed: sellers,
      prepare: async () => {
        const a = await admin('/agreements', await agreementTerms());
        return command(`/agreements/${a.body.id}/terminate`, { reason: 'ended' });
      },
    },
    {
      endpoint: 'POST /inbound-emails/:id/assign',
      allowed: sellers,
      prepare: async () => {
        const held = await sendToCrm(service, {
          from: `${randomUUID()}@unknown.example`,
          subject: 'Hello',
          text: 'Hello',
        });
        return command(`/inbound-emails/${held.inboundEmailId}/assign`, {
          customerId: (await customer()).id,
        });
      },
    },
    {
      endpoint: 'POST /inbound-emails/:id/dismiss',
      allowed: sellers,
      prepare: async () => {
        const held = await sendToCrm(service, {
          from: `${randomUUID()}@unknown.example`,
          subject: 'Hello',
          text: 'Hello',
        });
        return command(`/inbound-emails/${held.inboundEmailId}/dismiss`, { reason: 'spam' });
      },
    },
    {
      endpoint: 'POST /activities/:id/reschedule',
      allowed: sellers,
      prepare: async () =>
        command(`/activities/${(await activity()).id}/reschedule`, { dueOn: day(3) }),
    },
    {
      endpoint: 'POST /activities/:id/details',
      allowed: sellers,
      prepare: async () =>
        command(`/activities/${(await activity()).id}/details`, { notes: 'bring the contract' }),
    },
    {
      endpoint: 'POST /activities/:id/complete',
      allowed: sellers,
      prepare: async () =>
        command(`/activities/${(await activity()).id}/complete`, {
          outcome: 'done',
          minutesSpent: 20,
        }),
    },
    {
      endpoint: 'POST /activities/:id/cancel',
      allowed: sellers,
      prepare: async () => command(`/activities/${(await activity()).id}/cancel`),
    },
    {
      endpoint: 'POST /activities/:id/delegate',
      allowed: sellers,
      prepare: async () =>
        command(`/activities/${(await activity()).id}/delegate`, { assigneeId: actors.sales.id }),
    },
    {
      endpoint: 'POST /tickets',
      allowed: sellers,
      prepare: async () =>
        command('/tickets', {
          customerId: (await customer()).id,
          channel: 'phone',
          subject: 'Broken',
          priority: 'high',
        }),
    },
    {
      endpoint: 'POST /tickets/:id/assign',
      allowed: sellers,
      prepare: async () =>
        command(`/tickets/${(await ticket()).id}/assign`, { assigneeId: actors.sales.id }),
    },
    {
      endpoint: 'POST /tickets/:id/details',
      allowed: sellers,
      prepare: async () =>
        command(`/tickets/${(await ticket()).id}/details`, { description: 'She called twice' }),
    },
    {
      endpoint: 'POST /tickets/:id/reclassify',
      allowed: sellers,
      prepare: async () =>
        command(`/tickets/${(await ticket()).id}/reclassify`, {
          priority: 'urgent',
          reason: 'blocked',
        }),
    },
    {
      endpoint: 'POST /tickets/:id/respond',
      allowed: sellers,
      prepare: async () =>
        command(`/tickets/${(await ticket()).id}/respond`, { message: 'On it', channel: 'email' }),
    },
    {
      endpoint: 'POST /tickets/:id/reopen',
      allowed: sellers,
      prepare: async () => {
        const t = await ticket();
        await admin(`/tickets/${t.id}/resolve`, { resolution: 'done' });
        return command(`/tickets/${t.id}/reopen`, { reason: 'not fixed' });
      },
    },
    {
      endpoint: 'POST /tickets/:id/resolve',
      allowed: sellers,
      prepare: async () =>
        command(`/tickets/${(await ticket()).id}/resolve`, { resolution: 'fixed' }),
    },
    {
      endpoint: 'POST /tickets/:id/close',
      allowed: sellers,
      prepare: async () => command(`/tickets/${(await ticket()).id}/close`),
    },
    {
      endpoint: 'POST /documents',
      allowed: sellers,
      prepare: async () => ({
        app: 'command-api',
        path: '/documents',
        file: { fields: { linkKind: 'customer', linkId: (await customer()).id }, bytes: 'hello' },
      }),
    },
    {
      endpoint: 'POST /documents/:id/remove',
      allowed: sellers,
      prepare: async () => command(`/documents/${(await document()).id}/remove`),
    },
    {
      endpoint: 'GET /documents',
      allowed: readers,
      prepare: async () => query(`/documents?customerId=${(await customer()).id}`),
    },
    {
      endpoint: 'GET /documents/:id',
      allowed: readers,
      prepare: async () => {
        const d = await document();
        return query(`/documents/${d.id}`, d.position);
      },
    },
    {
      endpoint: 'GET /documents/:id/content',
      allowed: readers,
      prepare: async () => {
        const d = await document();
        return query(`/documents/${d.id}/content`, d.position);
      },
    },
    {
      endpoint: 'POST /products',
      allowed: organisers,
      prepare: () => command('/products', product()),
    },
    {
      endpoint: 'POST /products/:code/details',
      allowed: organisers,
      prepare: async () => {
        const p = await admin('/products', product());
        return command(`/products/${p.body.id}/details`, { name: `N ${randomUUID()}` });
      },
    },
    {
      endpoint: 'POST /products/:code/prices',
      allowed: organisers,
      prepare: async () => {
        const p = await admin('/products', product());
        return command(`/products/${p.body.id}/prices`, { currency: 'SEK', unitPrice: 9_900 });
      },
    },
    {
      endpoint: 'POST /products/:code/retire',
      allowed: organisers,
      prepare: async () => {
        const p = await admin('/products', product());
        return command(`/products/${p.body.id}/retire`, {});
      },
    },
    {
      endpoint: 'POST /products/:code/restore',
      allowed: organisers,
      prepare: async () => {
        const p = await admin('/products', product());
        await admin(`/products/${p.body.id}/retire`, {});
        return command(`/products/${p.body.id}/restore`, {});
      },
    },
    {
      endpoint: 'POST /custom-fields',
      allowed: admins,
      prepare: () => command('/custom-fields', field('customer', 'number')),
    },
    {
      endpoint: 'POST /custom-fields/:key/rename',
      allowed: admins,
      prepare: async () => {
        const f = await admin('/custom-fields', field('customer', 'number'));
        return command(`/custom-fields/${f.body.id}/rename`, { label: `L ${randomUUID()}` });
      },
    },
    {
      endpoint: 'POST /custom-fields/:key/options',
      allowed: admins,
      prepare: async () => {
        const f = await admin('/custom-fields', {
          ...field('deal', 'choice'),
          options: ['A'],
        });
        return command(`/custom-fields/${f.body.id}/options`, { options: ['B'] });
      },
    },
    {
      endpoint: 'POST /custom-fields/:key/retire',
      allowed: admins,
      prepare: async () => {
        const f = await admin('/custom-fields', field('contact', 'boolean'));
        return command(`/custom-fields/${f.body.id}/retire`, {});
      },
    },
    {
      endpoint: 'POST /customers/:id/custom-fields',
      allowed: sellers,
      prepare: async () => {
        const f = await admin('/custom-fields', field('customer', 'number'));
        const c = await customer();
        return command(`/customers/${c.id}/custom-fields`, { values: { [f.body.id]: 7 } });
      },
    },
    {
      endpoint: 'POST /customers/:id/contacts/:contactId/custom-fields',
      allowed: sellers,
      prepare: async () => {
        const f = await admin('/custom-fields', field('contact', 'boolean'));
        const c = await customer();
        const k = await admin(`/customers/${c.id}/contacts`, { name: 'Kontakt' });
        return command(`/customers/${c.id}/contacts/${k.body.contactId}/custom-fields`, {
          values: { [f.body.id]: true },
        });
      },
    },
    {
      endpoint: 'POST /deals/:id/custom-fields',
      allowed: sellers,
      prepare: async () => {
        const f = await admin('/custom-fields', field('deal', 'date'));
        const d = await deal();
        return command(`/deals/${d.id}/custom-fields`, { values: { [f.body.id]: day() } });
      },
    },
    {
      endpoint: 'POST /segments',
      allowed: organisers,
      prepare: () => command('/segments', { name: 'Top', rules: { categories: ['top'] } }),
    },
    {
      endpoint: 'POST /segments/:id/retire',
      allowed: organisers,
      prepare: async () => {
        const s = await admin('/segments', { name: 'Old', rules: { categories: ['top'] } });
        return command(`/segments/${s.body.id}/retire`, { reason: 'not used' });
      },
    },
    {
      endpoint: 'POST /segments/:id/redefine',
      allowed: organisers,
      prepare: async () => {
        const s = await admin('/segments', { name: 'Top', rules: { categories: ['top'] } });
        return command(`/segments/${s.body.id}/redefine`, {
          name: 'Top and large',
          rules: { categories: ['top', 'large'] },
        });
      },
    },
    {
      endpoint: 'POST /staff',
      allowed: organisers,
      prepare: () => command('/staff', { name: 'New', email: 'new@example.com', roles: ['sales'] }),
    },
    {
      endpoint: 'POST /staff/:id/roles',
      allowed: organisers,
      prepare: async () => command(`/staff/${(await member()).id}/roles`, { roles: ['analyst'] }),
    },
    {
      endpoint: 'POST /staff/:id/rename',
      allowed: organisers,
      prepare: async () => command(`/staff/${(await member()).id}/rename`, { name: 'Renamed' }),
    },
    {
      endpoint: 'POST /staff/:id/deactivate',
      allowed: organisers,
      prepare: async () =>
        command(`/staff/${(await member()).id}/deactivate`, { successorId: service.admin.id }),
    },
    {
      endpoint: 'GET /customers/:id',
      allowed: readers,
      prepare: async () => {
        const c = await customer();
        return query(`/customers/${c.id}`, c.position);
      },
    },
    {
      endpoint: 'GET /customers/:id/timeline',
      allowed: readers,
      prepare: async () => {
        const c = await customer();
        return query(`/customers/${c.id}/timeline`, c.position);
      },
    },
    { endpoint: 'GET /pipelines', allowed: readers, prepare: () => query('/pipelines') },
    {
      endpoint: 'GET /pipelines/:id',
      allowed: readers,
      prepare: async () => {
        const p = await pipeline();
        return query(`/pipelines/${p.id}`, p.position);
      },
    },
    {
      endpoint: 'GET /pipelines/:id/board',
      allowed: readers,
      prepare: async () => {
        const p = await pipeline();
        return query(`/pipelines/${p.id}/board`, p.position);
      },
    },
    {
      endpoint: 'GET /pipelines/:id/board/stages/:stageId/cards',
      allowed: readers,
      prepare: async () => {
        const p = await pipeline();
        return query(`/pipelines/${p.id}/board/stages/${p.stageIds![0]!}/cards`, p.position);
      },
    },
    { endpoint: 'GET /invoices', allowed: readers, prepare: () => query('/invoices') },
    ...(['', '/pdf', '/e-invoice'] as const).map((suffix) => ({
      endpoint: `GET /invoices/:id${suffix}`,
      allowed: readers,
      prepare: async () => {
        const d = await documented();
        return query(`/invoices/${d.other}${suffix}`, d.position);
      },
    })),
    ...(['pdf', 'e-invoice'] as const).map((suffix) => ({
      endpoint: `GET /invoices/:id/credit-notes/:number/${suffix}`,
      allowed: readers,
      prepare: async () => {
        const d = await documented();
        return query(`/invoices/${d.other}/credit-notes/${d.creditNote}/${suffix}`, d.position);
      },
    })),
    {
      endpoint: 'GET /bank-statements',
      allowed: readers,
      prepare: () => query('/bank-statements'),
    },
    {
      endpoint: 'GET /bank-statements/:id',
      allowed: readers,
      prepare: async () => {
        const s = await importedStatement();
        return query(`/bank-statements/${s.id}`, s.position);
      },
    },
    { endpoint: 'GET /leads', allowed: readers, prepare: () => query('/leads') },
    {
      endpoint: 'GET /leads/:id',
      allowed: readers,
      prepare: async () => {
        const l = await lead();
        return query(`/leads/${l.id}`, l.position);
      },
    },
    {
      endpoint: 'GET /activities/:id',
      allowed: readers,
      prepare: async () => {
        const a = await activity();
        return query(`/activities/${a.id}?tz=Europe/Tallinn`, a.position);
      },
    },
    {
      endpoint: 'GET /tickets/:id',
      allowed: readers,
      prepare: async () => {
        const t = await ticket();
        return query(`/tickets/${t.id}`, t.position);
      },
    },
    {
      endpoint: 'GET /activities',
      allowed: readers,
      prepare: () => query(`/activities?assigneeId=${actors.sales.id}&from=${day()}`),
    },
    {
      endpoint: 'GET /reports/time-spent',
      allowed: readers,
      prepare: () => query(`/reports/time-spent?by=staff&from=${day(-30)}&to=${day()}`),
    },
    { endpoint: 'GET /tickets', allowed: readers, prepare: () => query('/tickets?status=open') },
    { endpoint: 'GET /emails', allowed: readers, prepare: () => query('/emails?status=sent') },
    {
      endpoint: 'GET /reports/groups',
      allowed: readers,
      prepare: () => query('/reports/groups?by=county&period=2026-Q4'),
    },
    {
      endpoint: 'GET /reports/forecast',
      allowed: readers,
      prepare: () => query('/reports/forecast?by=quarter&periods=2'),
    },
    {
      endpoint: 'GET /reports/lead-sources',
      allowed: readers,
      prepare: () => query('/reports/lead-sources?period=2026-Q4'),
    },
    {
      endpoint: 'GET /pipelines/:id/flow',
      allowed: readers,
      prepare: async () => {
        const p = await pipeline();
        return query(`/pipelines/${p.id}/flow?period=2026-Q4`, p.position);
      },
    },
    { endpoint: 'GET /teams', allowed: readers, prepare: () => query('/teams') },
    {
      endpoint: 'GET /lead-routing/rules',
      allowed: readers,
      prepare: () => query('/lead-routing/rules'),
    },
    { endpoint: 'GET /web-forms', allowed: organisers, prepare: () => query('/web-forms') },
    {
      endpoint: 'GET /products',
      allowed: readers,
      prepare: () => query('/products?status=active'),
    },
    {
      endpoint: 'GET /products/:code',
      allowed: readers,
      prepare: async () => {
        const p = await admin('/products', product());
        return query(`/products/${p.body.id}`, p.body.position);
      },
    },
    {
      endpoint: 'GET /custom-fields',
      allowed: readers,
      prepare: () => query('/custom-fields?entity=customer'),
    },
    {
      endpoint: 'GET /customers',
      allowed: readers,
      prepare: async () => {
        const c = await admin('/customers', { kind: 'company', name: `C ${randomUUID()}` });
        return query('/customers?category=potential&field=nosuch:1', c.body.position);
      },
    },
    {
      endpoint: 'GET /deals',
      allowed: readers,
      prepare: async () => {
        const d = await deal();
        return query(`/deals?customerId=${d.customerId}&status=open`, d.position);
      },
    },
    {
      endpoint: 'GET /deals/:id',
      allowed: readers,
      prepare: async () => {
        const d = await deal();
        return query(`/deals/${d.id}`, d.position);
      },
    },
    { endpoint: 'GET /offers', allowed: readers, prepare: () => query('/offers?status=open') },
    ...(['', '/pdf'] as const).map((suffix) => ({
      endpoint: `GET /offers/:id${suffix}`,
      allowed: readers,
      prepare: async () => {
        const d = await deal();
        const o = await admin(`/deals/${d.id}/offers`, offer());
        return query(`/offers/${o.body.offerId!}${suffix}`, o.body.position);
      },
    })),
    {
      endpoint: 'GET /agreements',
      allowed: readers,
      prepare: () => query(`/agreements?lapsingBy=${day(30)}`),
    },
    {
      endpoint: 'GET /agreements/:id',
      allowed: readers,
      prepare: async () => {
        const a = await admin('/agreements', await agreementTerms());
        return query(`/agreements/${a.body.id}`, a.body.position);
      },
    },
    {
      endpoint: 'GET /inbound-emails',
      allowed: readers,
      prepare: () => query('/inbound-emails?status=review'),
    },
    {
      endpoint: 'GET /inbound-emails/:id',
      allowed: readers,
      prepare: async () => {
        const held = await sendToCrm(service, { from: 'someone@unknown.example', subject: 'Hi' });
        // Received in the log: the query waits for the projection to reach its head.
        return query(`/inbound-emails/${held.inboundEmailId}`, await store.headPosition());
      },
    },
    { endpoint: 'GET /campaigns', allowed: readers, prepare: () => query('/campaigns') },
    {
      endpoint: 'GET /campaigns/:id',
      allowed: readers,
      prepare: async () => {
        const segment = await admin('/segments', { name: 'S', rules: { tagsAll: ['x'] } });
        const campaign = await admin('/campaigns', {
          name: 'C',
          segmentId: segment.body.id,
          subject: 'Hello',
          text: 'Hello',
        });
        return query(`/campaigns/${campaign.body.id}`, campaign.body.position);
      },
    },
    { endpoint: 'GET /segments', allowed: readers, prepare: () => query('/segments') },
    {
      endpoint: 'GET /segments/:id',
      allowed: readers,
      prepare: async () => {
        const s = await admin('/segments', {
          name: `S ${randomUUID()}`,
          rules: { tagsAll: ['x'] },
        });
        return query(`/segments/${s.body.id}`, s.body.position);
      },
    },
    {
      endpoint: 'GET /reports/categories',
      allowed: readers,
      prepare: () => query('/reports/categories?period=2026-Q4'),
    },
    {
      endpoint: 'GET /segments/:id/report',
      allowed: readers,
      prepare: async () => {
        const s = await admin('/segments', {
          name: `S ${randomUUID()}`,
          rules: { tagsAny: ['x'] },
        });
        return query(`/segments/${s.body.id}/report`, s.body.position);
      },
    },
    { endpoint: 'GET /search', allowed: readers, prepare: () => query('/search?q=kask') },
    {
      endpoint: 'GET /segments/:id/members',
      allowed: readers,
      prepare: async () => {
        const s = await admin('/segments', { name: 'Top', rules: { categories: ['top'] } });
        return query(`/segments/${s.body.id}/members`, s.body.position);
      },
    },
    { endpoint: 'GET /staff', allowed: roles, prepare: () => query('/staff') },
    {
      endpoint: 'GET /staff/:id',
      allowed: roles,
      prepare: async () => {
        const m = await member();
        return query(`/staff/${m.id}`, m.position);
      },
    },
    {
      endpoint: 'GET /staff/:id/portfolio',
      allowed: readers,
      prepare: () => query(`/staff/${actors.sales.id}/portfolio`),
    },
    {
      endpoint: 'GET /audit/customers/:id/events',
      allowed: auditors,
      prepare: async () => {
        const c = await customer();
        return query(`/audit/customers/${c.id}/events`, c.position);
      },
    },
    {
      endpoint: 'GET /audit/customers/:id/state',
      allowed: auditors,
      prepare: async () => {
        const c = await customer();
        return query(`/audit/customers/${c.id}/state`, c.position);
      },
    },
    {
      endpoint: 'GET /audit/streams/:stream/verify',
      allowed: auditors,
      prepare: async () => query(`/audit/streams/customer-${(await customer()).id}/verify`),
    },
    { endpoint: 'GET /audit/trail', allowed: ['admin'], prepare: () => query('/audit/trail') },
    { endpoint: 'GET /webhooks', allowed: ['admin'], prepare: () => query('/webhooks') },
    {
      endpoint: 'GET /workflow-rules',
      allowed: ['admin'],
      prepare: () => query('/workflow-rules'),
    },
    {
      endpoint: 'GET /workflow-rules/:id',
      allowed: ['admin'],
      prepare: async () => {
        const r = await admin('/workflow-rules', { name: 'E', rule: { kind: 'expire-offers' } });
        return query(`/workflow-rules/${r.body.id}`, r.body.position);
      },
    },
    {
      endpoint: 'GET /webhooks/:id/deliveries',
      allowed: ['admin'],
      prepare: async () => {
        const w = await admin('/webhooks', {
          url: 'https://erp.example.com/hook',
          eventTypes: ['DealWon'],
        });
        return query(`/webhooks/${w.body.id}/deliveries`, w.body.position);
      },
    },
  ];

  beforeAll(async () => {
    registry = await startRecordedRegistry();
    service = await startService({
      env: {
        ...registryEnv(registry),
        SELLER_BANK_ACCOUNTS: 'EE382200221020145685:HABAEE2X',
        SELLER_VAT_NUMBER: 'EE100000001',
        // One admin prepares every cell's records (thousands of requests): on a fast run that
        // passed the member's rate limit, and a 429 left a cell without its record.
        RATE_LIMIT_PER_SECOND: '0',
      },
    });
    store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
    for (const role of roles) actors[role] = await service.staff(`Only ${role}`, [role]);
    // the portfolio read below needs its member projected
    const head = await store.headPosition();
    await http('GET', `${service.url['query-api']}/staff`, undefined, {
      authorization: `Bearer ${service.admin.token}`,
      'x-min-position': String(head),
    });
  }, 60000);
  afterAll(async () => {
    await store.close();
    await service.stop();
    await registry.stop();
  });

  it('covers every route the two APIs serve', async () => {
    const served = new Set<string>();
    for (const app of ['command-api', 'query-api'] as const) {
      const doc = await http<{ paths: Record<string, Record<string, unknown>> }>(
        'GET',
        `${service.url[app]}/docs/openapi.json`,
      );
      for (const [path, methods] of Object.entries(doc.body.paths))
        for (const method of Object.keys(methods))
          served.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    // Liveness, readiness and metrics are open to probes (test/operations.e2e-spec.ts).
    for (const operational of [
      'GET /health',
      'GET /health/live',
      'GET /health/ready',
      'GET /metrics',
    ])
      served.delete(operational);
    // Public: a campaign message's signed token is the credential (test/email.e2e-spec.ts).
    served.delete('GET /unsubscribe/:token');
    // Public: the feed's signed token is the credential (test/calendar-feed.e2e-spec.ts).
    served.delete('GET /calendar-feeds/:token');
    // Public: a shared ticket's signed link is the credential (test/ticket-status.e2e-spec.ts).
    served.delete('GET /ticket-status/:token');
    // Public: a web form's signed key is the credential (test/lead-routing.e2e-spec.ts).
    served.delete('POST /web-form/:key');
    served.delete('POST /unsubscribe/:token');
    expect([...served].sort()).toEqual(rows.map((r) => r.endpoint).sort());
  });

  describe.each(rows)('$endpoint', (row) => {
    it.each(roles)('as %s', async (role) => {
      const request = await row.prepare(role);
      const method = row.endpoint.split(' ')[0]!;
      const before = await store.headPosition();
      const reply = await as(actors[role], method, request);
      if (row.allowed.includes(role)) {
        // the body is shown when a cell that should pass does not
        expect({ status: reply.status, body: reply.status < 300 ? {} : reply.body }).toEqual({
          status: creates(method, request.path) ? 201 : 200,
          body: {},
        });
      } else {
        expect(reply.status).toBe(403);
        expect(reply.headers.get('content-type')).toContain('application/problem+json');
        expect(await store.headPosition()).toBe(before);
      }
    });
  });
});
