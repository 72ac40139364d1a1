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
