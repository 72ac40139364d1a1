import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { reportsProjection } from './reports.projection';

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
  const result = await projectAll(reportsProjection, storedEvents(history), collection);
  expect(result.twice).toEqual(result.once);
  expect(result.batched).toEqual(result.once);
  return Object.fromEntries(result.once.map(({ _id, ...d }) => [_id, d]));
};

describe('reports projection: month facts per category and per customer', () => {
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
    const result = await projectAll(
      reportsProjection,
      storedEvents(events),
      collections.customerMonths,
    );
    expect(result.twice).toEqual(result.once);
    const april = result.once.find((d) => d._id === 'c1:2026-04')!;
    expect(april['invoiced']).toEqual({ EUR: 1000 + 100 });
    // cash in: 372 + 868 − 100 refunded; the 50 moved between invoices is not new money
    expect(april['paid']).toEqual({ EUR: 372 + 868 - 100 });
    const names = Object.values(
      (april['products'] as Record<string, Record<string, { name: string }>>).EUR!,
    ).map((p) => p.name);
    expect(names.sort()).toEqual(['Design', 'Hosting']);
  });
});
