import { type Event } from '#events';
import { collections, invoiceStatusRank } from '#read-models';
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
    const { once } = await projectAll(
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
  });
});

describe('invoices projection: money both ways', () => {
  const refunded: Event = {
    type: 'RefundRecorded',
    data: {
      invoiceId: 'i1',
      customerId: 'c1',
      refundId: 'bank-tx-9',
      amount: 2_400,
      currency: 'EUR',
      refundedOn: '2026-03-12',
      reason: 'Returned',
      recordedAt: '2026-03-12T09:00:00.000Z',
    },
  };
  const credited: Event = {
    type: 'CreditNoteIssued',
    data: {
      invoiceId: 'i1',
      customerId: 'c1',
      number: '2026-000001',
      creditNoteId: 'cn1',
      currency: 'EUR',
      creditNote: {
        number: 'CN-2026-000001',
        issuedOn: '2026-03-13',
        lines: [{ ...line, quantity: -1, net: -10_000, vat: -2_400, gross: -12_400 }],
        totals: { net: -10_000, vat: -2_400, gross: -12_400 },
      },
      creditedLines: [{ line: 0, quantity: 1 }],
      reason: 'Returned',
      issuedAt: '2026-03-13T09:00:00.000Z',
    },
  };

  it('takes a paid invoice back to partly paid when money is refunded, replay-safe', async () => {
    const { once } = await projectAll(
      invoicesProjection,
      storedEvents([issued, payment(12_400, 0), refunded]),
      collections.invoices,
    );
    expect(once).toEqual([
      expect.objectContaining({
        paid: 12_400,
        refunded: 2_400,
        outstanding: 2_400,
        statusRank: invoiceStatusRank.partially_paid,
      }),
    ]);
  });

  it('owes nothing once a credit note takes the whole amount off', async () => {
    const { once } = await projectAll(
      invoicesProjection,
      storedEvents([issued, credited]),
      collections.invoices,
    );
    expect(once[0]).toMatchObject({
      credited: 12_400,
      outstanding: 0,
      statusRank: invoiceStatusRank.credited,
      creditNotes: [expect.objectContaining({ number: 'CN-2026-000001', reason: 'Returned' })],
    });
  });
});
