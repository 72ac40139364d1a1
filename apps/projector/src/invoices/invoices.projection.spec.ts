import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { invoicesProjection } from './invoices.projection';

const line = {
  description: 'Work',
  quantity: 1,
  unitPrice: 10_000,
  discountPercent: 0,
  vatRate: 24,
  net: 10_000,
  vat: 2_400,
  gross: 12_400,
};
const issued: Event = {
  type: 'InvoiceIssued',
  data: {
    invoiceId: 'i1',
    number: '2026-000001',
    kind: 'standard',
    customerId: 'c1',
    currency: 'EUR',
    issuedOn: '2026-03-01',
    dueOn: '2026-03-15',
    lines: [line],
    totals: { net: 10_000, vat: 2_400, gross: 12_400 },
    issuedAt: '2026-03-01T09:00:00.000Z',
  },
};
const payment = (amount: number, outstanding: number): Event => ({
  type: 'PaymentRecorded',
  data: {
    invoiceId: 'i1',
    customerId: 'c1',
    paymentId: `p${amount}`,
    amount,
    currency: 'EUR',
    paidOn: '2026-03-10',
    outstanding,
    overpaid: 0,
    recordedAt: '2026-03-10T09:00:00.000Z',
  },
});
const sent: Event = {
  type: 'InvoiceSent',
  data: {
    invoiceId: 'i1',
    customerId: 'c1',
    number: '2026-000001',
    channel: 'email',
    recipient: 'a@b.ee',
    sentAt: '2026-03-11T09:00:00.000Z',
  },
};

describe('invoices projection', () => {
  it('moves the status forward only and adds payments once, replay-safe', async () => {
    const { once, twice } = await projectAll(
      invoicesProjection,
      storedEvents([issued, payment(2_400, 10_000), payment(10_000, 0), sent]),
      collections.invoices,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'i1',
        paid: 12_400,
        statusRank: 4,
        sentAt: '2026-03-11T09:00:00.000Z',
        lastPaidOn: '2026-03-10',
      }),
    ]);
    expect(once[0]!['payments']).toHaveLength(2);
    expect(twice).toEqual(once);
  });
});
