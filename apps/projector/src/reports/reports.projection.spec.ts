import { type Event } from '#events';
import { collections } from '#read-models';
import { SqliteReadStore } from '#read-store';
import { projectBatch } from '../projection';
import { projectAll, storedEvents } from '../projection-testing';
import { purchasesProjection } from '../purchases/purchases.projection';
import { reportsProjection } from './reports.projection';

/** In Tallinn, where a day starts two or three hours before UTC's. */
const projection = reportsProjection({ timeZone: 'Europe/Tallinn' });

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (description: string, quantity: number, net: number) => ({
  description,
  quantity,
  unitPrice: net / quantity,
  discountPercent: 0,
  vatRate: 24,
  net,
  vat: Math.round(net * 0.24),
  gross: Math.round(net * 1.24),
});
const registered: Event = {
  type: 'CustomerRegistered',
  data: {
    customerId: 'c1',
    kind: 'company',
    name: 'Kask AS',
    ownerId: 's1',
    registeredAt: '2026-01-10T09:00:00.000Z',
  },
};
const categorized = (
  category: 'small' | 'top',
  previousCategory: 'small' | null,
  at: string,
): Event => ({
  type: 'CustomerCategorized',
  data: { customerId: 'c1', category, previousCategory, reason: 'revenue', categorizedAt: at },
});
const opened = (dealId: string, openedAt: string): Event => ({
  type: 'DealOpened',
  data: {
    dealId,
    customerId: 'c1',
    pipelineId: 'p',
    stageId: 's',
    title: dealId,
    value: eur(1000),
    ownerId: 's1',
    openedAt,
  },
});
const history: Event[] = [
  registered,
  categorized('small', null, '2026-01-11T09:00:00.000Z'),
  opened('d1', '2026-01-12T09:00:00.000Z'),
  opened('d2', '2026-01-13T09:00:00.000Z'),
  opened('d3', '2026-01-14T09:00:00.000Z'),
  {
    type: 'DealWon',
    data: { dealId: 'd1', customerId: 'c1', value: eur(1200), wonAt: '2026-02-01T09:00:00.000Z' },
  },
  {
    type: 'DealLost',
    data: { dealId: 'd2', customerId: 'c1', reason: 'price', lostAt: '2026-02-02T09:00:00.000Z' },
  },
  {
    type: 'InvoiceIssued',
    data: {
      invoiceId: 'i1',
      number: '2026-000001',
      kind: 'standard',
      customerId: 'c1',
      currency: 'EUR',
      issuedOn: '2026-02-03',
      dueOn: '2026-02-17',
      lines: [line('Hosting', 2, 800), line('Support', 4, 400)],
      totals: { net: 1200, vat: 288, gross: 1488 },
      issuedAt: '2026-02-03T09:00:00.000Z',
    },
  },
  {
    type: 'PaymentRecorded',
    data: {
      invoiceId: 'i1',
      customerId: 'c1',
      paymentId: 'p1',
      amount: 1488,
      currency: 'EUR',
      paidOn: '2026-02-10',
      outstanding: 0,
      overpaid: 0,
      recordedAt: '2026-02-10T09:00:00.000Z',
    },
  },
  categorized('top', 'small', '2026-03-01T09:00:00.000Z'),
  {
    type: 'InvoiceVoided',
    data: {
      invoiceId: 'i1',
      customerId: 'c1',
      number: '2026-000001',
      reason: 'wrong lines',
      creditNote: {
        number: 'CN-2026-000001',
        issuedOn: '2026-03-02',
        lines: [line('Support', -4, -400)],
        totals: { net: -400, vat: -96, gross: -496 },
      },
      voidedAt: '2026-03-02T09:00:00.000Z',
    },
  },
];

const docs = async (collection: string) => {
  const result = await projectAll(projection, storedEvents(history), collection);
  return Object.fromEntries(result.once.map(({ _id, ...d }) => [_id, d]));
};

describe('reports projection: month facts per category and per customer', () => {
  it('given a deal opened at 01:00 on 1 November and won at 00:30 on 1 December in Tallinn, then it counts in those months there, not in the months before as in UTC', async () => {
    const night: Event[] = [
      registered,
      opened('n1', '2026-10-31T23:00:00.000Z'),
      {
        type: 'DealWon',
        data: {
          dealId: 'n1',
          customerId: 'c1',
          value: eur(500),
          wonAt: '2026-11-30T22:30:00.000Z',
        },
      },
    ];
    const monthsIn = async (timeZone: string) => {
      const { once } = await projectAll(
        reportsProjection({ timeZone }),
        storedEvents(night),
        collections.customerMonths,
      );
      return Object.fromEntries(once.map(({ _id, ...d }) => [_id, d]));
    };
    const tallinn = await monthsIn('Europe/Tallinn');
    expect(tallinn['c1:2026-11']).toMatchObject({ dealsOpened: 1 });
    expect(tallinn['c1:2026-12']).toMatchObject({ won: 1, wonValue: { EUR: 500 } });
    const utc = await monthsIn('UTC');
    expect(utc['c1:2026-10']).toMatchObject({ dealsOpened: 1 });
    expect(utc['c1:2026-11']).toMatchObject({ won: 1 });
  });

  it('given a customer growing from small to top, then its facts stay with the category it had then', async () => {
    const months = await docs(collections.categoryMonths);
    expect(months['uncategorised:2026-01']).toMatchObject({ newCustomers: 1 });
    expect(months['small:2026-01']).toMatchObject({ newCustomers: 1, dealsOpened: 3 });
    expect(months['small:2026-02']).toMatchObject({
      won: 1,
      lost: 1,
      cycleDays: 20,
      wonValue: { EUR: 1200 },
      invoiced: { EUR: 1200 },
      paid: { EUR: 1488 },
    });
    const products = Object.values(
      (months['small:2026-02']!.products as Record<string, Record<string, unknown>>).EUR!,
    );
    expect(products).toEqual(
      expect.arrayContaining([
        { name: 'Hosting', revenue: 800, quantity: 2 },
        { name: 'Support', revenue: 400, quantity: 4 },
      ]),
    );
    expect(months['top:2026-03']).toMatchObject({ newCustomers: 1, invoiced: { EUR: -400 } });
  });

  it('given open deals, then the category that holds the customer now counts them', async () => {
    expect(await docs(collections.categoryNow)).toEqual({
      uncategorised: { customers: 0, openDeals: 0 },
      small: { customers: 0, openDeals: 0 },
      top: { customers: 1, openDeals: 1 },
    });
  });

  it('given the same history, then the customer keeps its own month facts for segment reports', async () => {
    const months = await docs(collections.customerMonths);
    expect(Object.keys(months).sort()).toEqual(['c1:2026-01', 'c1:2026-02', 'c1:2026-03']);
    expect(months['c1:2026-01']).toMatchObject({ newCustomers: 1, dealsOpened: 3 });
    expect(months['c1:2026-02']).toMatchObject({ won: 1, lost: 1 });
  });
});

describe('reports projection: revenue counted once', () => {
  const issued = (invoiceId: string, kind: 'standard' | 'prepayment', lines: unknown[]): Event => ({
    type: 'InvoiceIssued',
    data: {
      invoiceId,
      number: invoiceId,
      kind,
      customerId: 'c1',
      currency: 'EUR',
      issuedOn: '2026-04-01',
      dueOn: '2026-04-15',
      lines,
      totals: { net: 0, vat: 0, gross: 0 },
      paymentReference: '13',
      issuedAt: '2026-04-01T09:00:00.000Z',
    },
  });
  const paid = (invoiceId: string, amount: number, extra = {}): Event => ({
    type: 'PaymentRecorded',
    data: {
      invoiceId,
      customerId: 'c1',
      paymentId: `${invoiceId}-${amount}`,
      amount,
      currency: 'EUR',
      paidOn: '2026-04-02',
      outstanding: 0,
      overpaid: 0,
      recordedAt: '2026-04-02T09:00:00.000Z',
      ...extra,
    },
  });
  const settlement = {
    ...line('Prepayment invoice p1', -1, -300),
    settles: { invoiceId: 'p1', number: 'p1' },
  };
  const events: Event[] = [
    registered,
    issued('p1', 'prepayment', [line('Ettemaks 30%', 1, 300)]),
    paid('p1', 372),
    issued('f1', 'standard', [line('Design', 10, 1000), settlement]),
    paid('f1', 868),
    {
      type: 'RefundRecorded',
      data: {
        invoiceId: 'f1',
        customerId: 'c1',
        refundId: 'r1',
        amount: 100,
        currency: 'EUR',
        refundedOn: '2026-04-03',
        reason: 'goodwill',
        recordedAt: '2026-04-03T09:00:00.000Z',
      },
    },
    issued('g1', 'standard', [line('Hosting', 1, 100)]),
    paid('g1', 50, { transferredFrom: { invoiceId: 'f1', number: 'f1', transferId: 't1' } }),
  ];

  it('given a prepayment and its final invoice, then the sale counts in full once, no prepayment', async () => {
    const result = await projectAll(projection, storedEvents(events), collections.customerMonths);
    const april = result.once.find((d) => d._id === 'c1:2026-04')!;
    expect(april['invoiced']).toEqual({ EUR: 1000 + 100 });
    // cash in: 372 + 868 − 100 refunded; the 50 moved between invoices is not new money
    expect(april['paid']).toEqual({ EUR: 372 + 868 - 100 });
    const names = Object.values(
      (april['products'] as Record<string, Record<string, { name: string }>>).EUR!,
    ).map((p) => p.name);
    expect(names.sort()).toEqual(['Design', 'Hosting']);
  });

  it('given lines naming one catalogue product with texts of their own, then it is one product', async () => {
    const named = (description: string, quantity: number, net: number) => ({
      ...line(description, quantity, net),
      productCode: 'SRV-HOOLDUS',
    });
    const result = await projectAll(
      projection,
      storedEvents([
        registered,
        issued('h1', 'standard', [
          named('Hooldus, märts', 2, 200),
          named('Hooldus, aprill', 1, 100),
        ]),
      ]),
      collections.customerMonths,
    );
    const april = result.once.find((d) => d._id === 'c1:2026-04')!;
    expect(Object.values((april['products'] as Record<string, object>)['EUR']!)).toEqual([
      { name: 'Hooldus, aprill', productCode: 'SRV-HOOLDUS', revenue: 300, quantity: 3 },
    ]);
  });
});

const at = (day: string) => `${day}T09:00:00.000Z`;
const openedIn = (dealId: string, stageId: string, day: string): Event => ({
  type: 'DealOpened',
  data: {
    dealId,
    customerId: 'c1',
    pipelineId: 'p',
    stageId,
    title: dealId,
    value: eur(1000),
    ownerId: 's1',
    openedAt: at(day),
  },
});
const ticket = (ticketId: string, day: string, classification?: string): Event => ({
  type: 'TicketOpened',
  data: {
    ticketId,
    customerId: 'c1',
    channel: 'email',
    subject: 'Probleem',
    ...(classification ? { classification } : {}),
    priority: 'normal',
    assigneeId: 's1',
    sla: { firstResponseDue: at(day), resolutionDue: at(day) },
    openedAt: at(day),
  },
});
const campaignMessage = (emailId: string, day: string): Event[] => [
  {
    type: 'EmailQueued',
    data: {
      emailId,
      customerId: 'c1',
      to: ['info@kask.ee'],
      subject: 'Kevadpakkumine',
      text: 'Tere',
      attachments: [],
      campaignId: 'k1',
      queuedAt: at(day),
    },
  },
  {
    type: 'EmailSent',
    data: {
      emailId,
      customerId: 'c1',
      attempt: 1,
      messageId: `<${emailId}@x>`,
      response: '250',
      sentAt: at(day),
    },
  },
];

describe('behaviour facts', () => {
  it('given interactions, tickets, a campaign and the deals after it, then the month facts tell them apart; replay-safe', async () => {
    const events: Event[] = [
      registered,
      ticket('t0', '2026-03-01'),
      openedIn('d1', 'offer', '2026-03-02'),
      ticket('t1', '2026-03-03', 'Arveldus'),
      {
        type: 'DealStageMoved',
        data: {
          dealId: 'd1',
          customerId: 'c1',
          pipelineId: 'p',
          fromStageId: 'offer',
          toStageId: 'contract',
          movedAt: at('2026-03-04'),
        },
      },
      ticket('t2', '2026-03-05', 'arveldus'),
      {
        type: 'ActivityScheduled',
        data: {
          activityId: 'a1',
          customerId: 'c1',
          kind: 'meeting',
          title: 'Kohtumine',
          timing: { dueOn: '2026-03-06' },
          assigneeId: 's1',
          scheduledAt: at('2026-03-01'),
        },
      },
      {
        type: 'ActivityCompleted',
        data: {
          activityId: 'a1',
          customerId: 'c1',
          outcome: 'ok',
          minutesSpent: 30,
          completedAt: at('2026-03-06'),
        },
      },
      {
        type: 'InteractionLogged',
        data: {
          activityId: 'a2',
          customerId: 'c1',
          kind: 'call',
          summary: 'Helistas',
          minutesSpent: 5,
          occurredAt: at('2026-03-07'),
          staffId: 's1',
          loggedAt: at('2026-03-07'),
        },
      },
      ...campaignMessage('e1', '2026-03-08'),
      {
        type: 'InteractionLogged',
        data: {
          activityId: 'a3',
          customerId: 'c1',
          kind: 'email',
          summary: 'Vastus',
          minutesSpent: 0,
          occurredAt: at('2026-03-09'),
          staffId: 's1',
          email: {
            inboundEmailId: 'm1',
            messageId: '<m1@x>',
            from: 'info@kask.ee',
            to: ['crm@firma.ee'],
            cc: [],
            subject: 'Re: Kevadpakkumine',
            text: 'Huvitav',
            documentIds: [],
            inReplyTo: { emailId: 'e1', campaignId: 'k1' },
          },
          loggedAt: at('2026-03-09'),
        },
      },
      openedIn('d2', 'offer', '2026-03-10'),
      {
        type: 'DealWon',
        data: { dealId: 'd1', customerId: 'c1', value: eur(1000), wonAt: at('2026-03-11') },
      },
      {
        type: 'MarketingConsentWithdrawn',
        data: {
          customerId: 'c1',
          channel: 'email',
          source: 'campaign:k1',
          withdrawnAt: at('2026-03-12'),
        },
      },
      // Long after the message: no longer the campaign's doing.
      {
        type: 'DealWon',
        data: { dealId: 'd2', customerId: 'c1', value: eur(1000), wonAt: at('2026-05-20') },
      },
      ticket('t3', '2026-05-21'),
    ];
    const { once } = await projectAll(projection, storedEvents(events), collections.customerMonths);
    const march = once.find((m) => m['month'] === '2026-03')!;
    expect(march['interactions']).toEqual({ meeting: 1, call: 1, email: 1 });
    expect(Object.values(march['ticketClasses'] as object)).toEqual([
      { name: 'unclassified', count: 1 },
      { name: 'arveldus', count: 2 },
    ]);
    expect(march['ticketPhases']).toEqual({ prospect: 1, stage_offer: 1, stage_contract: 1 });
    expect(march['campaign']).toEqual({
      sent: 1,
      replies: 1,
      dealsOpened: 1,
      dealsWon: 1,
      unsubscribes: 1,
    });
    const may = once.find((m) => m['month'] === '2026-05')!;
    expect(may['campaign']).toBeUndefined();
    expect(may['ticketPhases']).toEqual({ customer: 1 });
  });
});

describe('ticket phases', () => {
  const moved = (dealId: string, from: string, to: string, day: string): Event => ({
    type: 'DealStageMoved',
    data: {
      dealId,
      customerId: 'c1',
      pipelineId: 'p',
      fromStageId: from,
      toStageId: to,
      movedAt: at(day),
    },
  });

  it('given several open deals, when the newest moves and then closes, then tickets take the stage of the newest still open', async () => {
    const events: Event[] = [
      registered,
      openedIn('d1', 'offer', '2026-03-01'),
      openedIn('d2', 'offer', '2026-03-02'),
      moved('d2', 'offer', 'contract', '2026-03-03'),
      ticket('t1', '2026-03-04'),
      moved('d1', 'offer', 'negotiation', '2026-03-05'),
      {
        type: 'DealLost',
        data: { dealId: 'd2', customerId: 'c1', reason: 'price', lostAt: at('2026-03-06') },
      },
      ticket('t2', '2026-03-07'),
    ];
    const { once } = await projectAll(projection, storedEvents(events), collections.customerMonths);
    expect(once.find((m) => m['month'] === '2026-03')!['ticketPhases']).toEqual({
      stage_contract: 1,
      stage_negotiation: 1,
    });
  });

  it("given a customer with many open deals, when one moves stage, then only that deal's document is read and written", async () => {
    const store = new SqliteReadStore(':memory:');
    const deals = Array.from({ length: 200 }, (_, i) => `d${i}`);
    const history = storedEvents([
      registered,
      ...deals.map((d) => openedIn(d, 'offer', '2026-03-01')),
      moved('d7', 'offer', 'contract', '2026-03-02'),
    ]);
    await store.apply(await projectBatch(projection, history.slice(0, -1), store), []);
    const read = jest.spyOn(store, 'getMany');
    const writes = await projectBatch(projection, history.slice(-1), store);
    expect(read.mock.calls.map(([collection]) => collection)).toEqual([collections.reportDeals]);
    expect(writes.map((w) => [w.collection, w.kind === 'upsert' ? w.id : w.kind])).toEqual([
      [collections.reportDeals, 'd7'],
    ]);
    await store.close();
  });
});

describe('purchases', () => {
  it('given sales, a credit note, a voided invoice and a prepayment, then each sale with its net and products', async () => {
    const issued = (
      invoiceId: string,
      day: string,
      lines: (ReturnType<typeof line> & { productCode?: string })[],
      kind = 'standard',
    ): Event => ({
      type: 'InvoiceIssued',
      data: {
        invoiceId,
        number: invoiceId,
        kind,
        customerId: 'c1',
        currency: 'EUR',
        issuedOn: day,
        dueOn: day,
        lines,
        totals: { net: 0, vat: 0, gross: 0 },
        issuedAt: at(day),
      },
    });
    const creditNote = {
      number: 'CN-1',
      issuedOn: '2026-03-05',
      lines: [{ ...line('Õunapuu', 1, -300), quantity: -1 }],
      totals: { net: -300, vat: -72, gross: -372 },
    };
    const { once } = await projectAll(
      purchasesProjection,
      storedEvents([
        issued('i1', '2026-03-01', [
          line('Õunapuu', 1, 1000),
          { ...line('Istutus', 1, 500), productCode: 'SRV-ISTUTUS' },
        ]),
        {
          type: 'CreditNoteIssued',
          data: {
            invoiceId: 'i1',
            customerId: 'c1',
            number: 'i1',
            creditNoteId: 'n1',
            currency: 'EUR',
            creditNote,
            creditedLines: [{ line: 0, quantity: 1 }],
            reason: 'viga',
            issuedAt: at('2026-03-05'),
          },
        },
        issued('i2', '2026-03-02', [line('Pirnipuu', 1, 700)]),
        {
          type: 'InvoiceVoided',
          data: {
            invoiceId: 'i2',
            customerId: 'c1',
            number: 'i2',
            reason: 'viga',
            creditNote,
            voidedAt: at('2026-03-06'),
          },
        },
        issued('i3', '2026-03-03', [line('Ettemaks', 1, 900)], 'prepayment'),
      ]),
      collections.purchases,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'i1',
        net: 1200,
        // a line that names a catalogue product is found by its code as well as its text
        products: ['ounapuu', 'istutus', 'srv-istutus'],
        void: false,
      }),
      expect.objectContaining({ _id: 'i2', net: 700, void: true }),
    ]);
  });
});
