import { todayIn } from '../libs/platform/src/today';
import { commands, type Ids, queries, serviceWithLog } from './support/service';
import { shiftDay } from './support/days';

type Problem = { type: string; detail?: string };
type Invoice = {
  invoiceId: string;
  number: string;
  status: string;
  paid: number;
  outstanding: number;
  offerId?: string;
  lines: { description: string; net: number }[];
  creditNote?: { number: string; totals: { gross: number } };
  lastSent?: { channel: string };
};

describe('invoices over HTTP: from an accepted offer, sent, paid, voided by a credit note', () => {
  const suite = serviceWithLog();

  it('runs an invoice through its life and keeps the numbers gapless', async () => {
    const { service, store } = suite;
    const c = commands(service);
    const q = queries(service);
    const today = todayIn('UTC', new Date())!;
    const year = today.slice(0, 4);
    const pipeline = await c.post<Ids>('/pipelines', { name: 'P', stages: [{ name: 'A' }] });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Arve AS' });
    const customerId = customer.body.id;
    const deal = await c.post<Ids>('/deals', {
      customerId,
      pipelineId: pipeline.body.id,
      title: 'Website',
      value: { amount: 300_000, currency: 'EUR' },
    });
    const dealId = deal.body.id;
    const noOffer = await c.post<Problem>('/invoices', {
      kind: 'standard',
      customerId,
      dealId,
      currency: 'EUR',
      issuedOn: today,
      dueOn: shiftDay(today, 14),
    });
    expect([noOffer.status, noOffer.body.type]).toEqual([
      409,
      'urn:kroonika:problem:no-accepted-offer',
    ]);
    const offer = await c.post<Ids>(`/deals/${dealId}/offers`, {
      lines: [
        { kind: 'service', description: 'Design', quantity: 10, unitPrice: 10_000, vatRate: 24 },
        { kind: 'product', description: 'Hosting', quantity: 12, unitPrice: 2_000, vatRate: 24 },
      ],
      currency: 'EUR',
      validUntil: shiftDay(today, 7),
    });
    await c.post(`/deals/${dealId}/offers/${offer.body.offerId!}/accept`);

    const issued = await c.post<Ids>('/invoices', {
      kind: 'standard',
      customerId,
      dealId,
      currency: 'EUR',
      issuedOn: today,
      dueOn: shiftDay(today, 14),
    });
    expect(issued.status).toBe(201);
    expect(issued.body.number).toBe(`${year}-000001`);
    const invoiceId = issued.body.id;
    expect(
      (
        await c.post(`/invoices/${invoiceId}/send`, {
          channel: 'email',
          recipient: 'arved@arve.ee',
        })
      ).status,
    ).toBe(200);
    // 100 000 + 24 000 net → 153 760 gross
    const part = await c.post<Ids>(`/invoices/${invoiceId}/payments`, {
      amount: 100_000,
      currency: 'EUR',
      paidOn: today,
      reference: 'RF123',
    });
    expect(part.status).toBe(201);
    const over = await c.post<Problem>(`/invoices/${invoiceId}/payments`, {
      amount: 60_000,
      currency: 'EUR',
      paidOn: today,
    });
    expect([over.status, over.body.type]).toEqual([409, 'urn:kroonika:problem:overpayment']);
    const rest = await c.post<Ids>(`/invoices/${invoiceId}/payments`, {
      amount: 53_760,
      currency: 'EUR',
      paidOn: today,
    });
    expect(rest.status).toBe(201);
    const replayed = await c.post<Ids>(`/invoices/${invoiceId}/payments`, {
      paymentId: rest.body.paymentId,
      amount: 53_760,
      currency: 'EUR',
      paidOn: today,
    });
    expect(replayed.body.revision).toBe(rest.body.revision);

    const wrong = await c.post<Ids>('/invoices', {
      kind: 'standard',
      customerId,
      currency: 'EUR',
      issuedOn: today,
      dueOn: shiftDay(today, 14),
      lines: [{ description: 'Mistake', quantity: 1, unitPrice: 5_000, vatRate: 24 }],
    });
    expect(wrong.body.number).toBe(`${year}-000002`);
    const voided = await c.post<Ids & { creditNoteNumber: string }>(
      `/invoices/${wrong.body.id}/void`,
      {
        reason: 'issued twice',
      },
    );
    expect(voided.status).toBe(200);
    expect(voided.body.creditNoteNumber).toBe(`CN-${year}-000001`);
    const onVoid = await c.post<Problem>(`/invoices/${wrong.body.id}/payments`, {
      amount: 100,
      currency: 'EUR',
      paidOn: today,
    });
    expect([onVoid.status, onVoid.body.type]).toEqual([409, 'urn:kroonika:problem:invoice-void']);
    const paidVoid = await c.post<Problem>(`/invoices/${invoiceId}/void`, { reason: 'x' });
    expect(paidVoid.body.type).toBe('urn:kroonika:problem:invoice-has-payments');

    const draft = await c.post<Ids>('/invoices/drafts', {
      kind: 'standard',
      customerId,
      currency: 'EUR',
      lines: [{ description: 'Support', quantity: 1, unitPrice: 10_000, vatRate: 24 }],
    });
    expect(draft.status).toBe(201);
    const unsent = await c.post<Problem>(`/invoices/${draft.body.id}/send`, {
      channel: 'email',
      recipient: 'x@arve.ee',
    });
    expect(unsent.body.type).toBe('urn:kroonika:problem:invoice-not-issued');
    expect(
      (
        await c.post(`/invoices/${draft.body.id}/draft`, {
          kind: 'standard',
          currency: 'EUR',
          lines: [{ description: 'Support', quantity: 2, unitPrice: 10_000, vatRate: 24 }],
        })
      ).status,
    ).toBe(200);
    const fromDraft = await c.post<Ids>(`/invoices/${draft.body.id}/issue`, {
      issuedOn: today,
      dueOn: shiftDay(today, 7),
    });
    expect(fromDraft.body.number).toBe(`${year}-000003`);
    const dropped = await c.post<Ids>('/invoices/drafts', {
      kind: 'standard',
      customerId,
      currency: 'EUR',
      lines: [{ description: 'Never mind', quantity: 1, unitPrice: 1, vatRate: 24 }],
    });
    expect(
      (await c.post(`/invoices/${dropped.body.id}/discard`, { reason: 'not needed' })).status,
    ).toBe(200);
    const late = await c.post<Problem>(`/invoices/${dropped.body.id}/issue`, {
      issuedOn: today,
      dueOn: today,
    });
    expect(late.body.type).toBe('urn:kroonika:problem:invoice-discarded');

    const list = await q.get<{ items: Invoice[] }>(
      `/invoices?customerId=${customerId}`,
      await store.headPosition(),
    );
    const byId = new Map(list.body.items.map((i) => [i.invoiceId, i]));
    expect(byId.get(invoiceId)).toMatchObject({
      status: 'paid',
      paid: 153_760,
      outstanding: 0,
      offerId: offer.body.offerId,
      lastSent: { channel: 'email' },
      lines: [
        { description: 'Design', net: 100_000 },
        { description: 'Hosting', net: 24_000 },
      ],
    });
    expect(byId.get(wrong.body.id)).toMatchObject({
      status: 'void',
      outstanding: 0,
      creditNote: { number: `CN-${year}-000001`, totals: { gross: -6_200 } },
    });
    const view = await q.get<{ invoices: { byCurrency: Record<string, Record<string, number>> } }>(
      `/customers/${customerId}`,
    );
    expect(byId.get(draft.body.id)).toMatchObject({ status: 'issued', number: `${year}-000003` });
    expect(byId.get(dropped.body.id)).toMatchObject({ status: 'discarded', outstanding: 0 });
    expect(view.body.invoices.byCurrency['EUR']).toMatchObject({
      invoiced: 153_760 + 24_800,
      paid: 153_760,
      outstanding: 24_800,
      count: 2,
    });
    const timeline = await q.get<{ items: { summary: string }[] }>(
      `/customers/${customerId}/timeline?group=invoices`,
    );
    expect(timeline.body.items.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        `Invoice ${year}-000001 sent by email to arved@arve.ee`,
        'Payment of 1000.00 EUR received (RF123); 537.60 EUR still owed',
        'Payment of 537.60 EUR received; paid in full',
        `Invoice ${year}-000002 voided by credit note CN-${year}-000001: issued twice`,
      ]),
    );
  });

  it('refuses invoices, drafts and offers past what amounts stay exact (409 amount-too-large), appending nothing and using no number', async () => {
    const { service, store } = suite;
    const c = commands(service);
    const today = todayIn('UTC', new Date())!;
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Suur AS' });
    const invoice = (lines: Record<string, unknown>[]) => ({
      kind: 'standard',
      customerId: customer.body.id,
      currency: 'EUR',
      issuedOn: today,
      dueOn: shiftDay(today, 14),
      lines,
    });
    const line = (quantity: number) => ({
      description: 'Licences',
      quantity,
      unitPrice: 100_000_000_000,
      vatRate: 0,
    });
    const before = await c.post<Ids>('/invoices', invoice([{ ...line(1), unitPrice: 100 }]));
    const head = await store.headPosition();
    // 1 000 000 × 1 000 000 000.00 would be 10^17 cents: past 2^53, it could only be rounded.
    for (const [path, body] of [
      ['/invoices', invoice([line(1_000_000)])],
      ['/invoices', invoice([line(60), line(41)])],
      [
        '/invoices/drafts',
        {
          kind: 'standard',
          customerId: customer.body.id,
          currency: 'EUR',
          lines: [line(1_000_000)],
        },
      ],
    ] as const) {
      const refused = await c.post<Problem>(path, body);
      expect([refused.status, refused.body.type]).toEqual([
        409,
        'urn:kroonika:problem:amount-too-large',
      ]);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await store.headPosition()).toBe(head);
    const pipeline = await c.post<Ids>('/pipelines', { name: 'Big', stages: [{ name: 'A' }] });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Everything',
      value: { amount: 100_000, currency: 'EUR' },
    });
    const afterDeal = await store.headPosition();
    const offer = await c.post<Problem>(`/deals/${deal.body.id}/offers`, {
      lines: [{ kind: 'product', ...line(1_000_000) }],
      currency: 'EUR',
      validUntil: shiftDay(today, 7),
    });
    expect([offer.status, offer.body.type]).toEqual([409, 'urn:kroonika:problem:amount-too-large']);
    expect(await store.headPosition()).toBe(afterDeal);
    // The bound itself is taken, and the numbers stay gapless past the refusals.
    const atBound = await c.post<Ids>('/invoices', invoice([line(60), line(40)]));
    expect(atBound.status).toBe(201);
    const [year, n] = before.body.number!.split('-');
    expect(atBound.body.number).toBe(`${year}-${String(Number(n) + 1).padStart(6, '0')}`);
  });
});
