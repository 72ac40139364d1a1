import { type InvoiceEvent } from '#events';
import { specFor } from '../testing';
import { creditNoteSeriesDecider } from './invoice-series.decider';
import { invoiceDecider, type RecordPayment } from './invoice.decider';

const now = '2026-03-05T09:00:00.000Z';
const spec = specFor(invoiceDecider);
const line = {
  description: 'Design',
  quantity: 2,
  unitPrice: 50_000,
  discountPercent: 0,
  vatRate: 24,
  net: 100_000,
  vat: 24_000,
  gross: 124_000,
};
const issued: InvoiceEvent = {
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
    totals: { net: 100_000, vat: 24_000, gross: 124_000 },
    paymentReference: '20260000011',
    issuedAt: now,
  },
};
const pay = (amount: number, extra: Partial<RecordPayment> = {}): RecordPayment => ({
  type: 'RecordPayment',
  invoiceId: 'i1',
  paymentId: `p-${amount}`,
  amount,
  currency: 'EUR',
  paidOn: '2026-03-10',
  allowOverpayment: false,
  now,
  ...extra,
});
const paid = (amount: number, outstanding: number, overpaid = 0): InvoiceEvent => ({
  type: 'PaymentRecorded',
  data: {
    invoiceId: 'i1',
    customerId: 'c1',
    paymentId: `p-${amount}`,
    amount,
    currency: 'EUR',
    paidOn: '2026-03-10',
    outstanding,
    overpaid,
    recordedAt: now,
  },
});
const voided: InvoiceEvent = {
  type: 'InvoiceVoided',
  data: {
    invoiceId: 'i1',
    customerId: 'c1',
    number: '2026-000001',
    reason: 'wrong customer',
    creditNote: {
      number: 'CN-2026-000001',
      issuedOn: '2026-03-05',
      lines: [{ ...line, quantity: -2, net: -100_000, vat: -24_000, gross: -124_000 }],
      totals: { net: -100_000, vat: -24_000, gross: -124_000 },
    },
    voidedAt: now,
  },
};
const voidIt = {
  type: 'VoidInvoice' as const,
  invoiceId: 'i1',
  reason: 'wrong customer',
  creditNoteNumber: 'CN-2026-000001',
  today: '2026-03-05',
  now,
};

describe('SendInvoice', () => {
  it('records the channel and the recipient, every time it is sent', () => {
    const send = {
      type: 'SendInvoice' as const,
      invoiceId: 'i1',
      channel: 'email' as const,
      recipient: 'arved@maasikas.ee',
      now,
    };
    const sent: InvoiceEvent = {
      type: 'InvoiceSent',
      data: {
        invoiceId: 'i1',
        customerId: 'c1',
        number: '2026-000001',
        channel: 'email',
        recipient: 'arved@maasikas.ee',
        sentAt: now,
      },
    };
    spec([issued]).when(send).then([sent]);
    spec([issued, sent]).when(send).then([sent]);
    spec([issued, voided]).when(send).thenRejectedWith('invoice-void');
  });
});

describe('RecordPayment', () => {
  it('adds partial payments up to paid in full', () => {
    spec([issued])
      .when(pay(24_000))
      .then([paid(24_000, 100_000)]);
    spec([issued, paid(24_000, 100_000)])
      .when(pay(100_000))
      .then([paid(100_000, 0)]);
  });
  it('ignores the same payment recorded twice', () => {
    spec([issued, paid(24_000, 100_000)])
      .when(pay(24_000))
      .thenNothingHappened();
  });
  it('refuses more than is owed unless told to keep the surplus as a credit', () => {
    spec([issued]).when(pay(130_000)).thenRejectedWith('overpayment');
    spec([issued])
      .when(pay(130_000, { allowOverpayment: true }))
      .then([paid(130_000, 0, 6_000)]);
    spec([issued, paid(124_000, 0)])
      .when(pay(1))
      .thenRejectedWith('invoice-paid');
  });
  it('refuses another currency, and any payment on a void invoice', () => {
    spec([issued])
      .when(pay(100, { currency: 'USD' }))
      .thenRejectedWith('currency-mismatch');
    spec([issued, voided]).when(pay(100)).thenRejectedWith('invoice-void');
  });
});

describe('VoidInvoice', () => {
  it('cancels the invoice with a credit note of the negated lines', () => {
    spec([issued]).when(voidIt).then([voided]);
  });
  it('refuses a paid invoice, a void one and a missing reason', () => {
    spec([issued, paid(24_000, 100_000)])
      .when(voidIt)
      .thenRejectedWith('invoice-has-payments');
    spec([issued, voided]).when(voidIt).thenRejectedWith('invoice-void');
    spec([issued])
      .when({ ...voidIt, reason: ' ' })
      .thenRejectedWith('reason-required');
  });
  it('numbers credit notes in their own gapless series', () => {
    const series = specFor(creditNoteSeriesDecider);
    series([])
      .when({ type: 'AssignNumber', year: 2026, invoiceId: 'i1' })
      .then([
        {
          type: 'CreditNoteNumberAssigned',
          data: { year: 2026, sequence: 1, number: 'CN-2026-000001', invoiceId: 'i1' },
        },
      ]);
  });
});

describe('drafts', () => {
  const input = {
    invoiceId: 'i2',
    kind: 'standard' as const,
    customerId: 'c1',
    currency: 'EUR',
    lines: [
      { description: 'Design', quantity: 2, unitPrice: 50_000, discountPercent: 0, vatRate: 24 },
    ],
    now,
  };
  const drafted: InvoiceEvent = {
    type: 'InvoiceDrafted',
    data: {
      invoiceId: 'i2',
      kind: 'standard',
      customerId: 'c1',
      currency: 'EUR',
      lines: [line],
      totals: { net: 100_000, vat: 24_000, gross: 124_000 },
      draftedAt: now,
    },
  };
  it('prepares a draft without number, changes it, and issues it with a number', () => {
    spec([])
      .when({ type: 'DraftInvoice', ...input })
      .then([drafted]);
    spec([drafted])
      .when({ type: 'UpdateInvoiceDraft', ...input })
      .thenNothingHappened();
    spec([drafted])
      .when({
        type: 'IssueInvoice',
        ...input,
        number: '2026-000002',
        issuedOn: '2026-03-05',
        dueOn: '2026-03-19',
        referenceScheme: 'estonian',
        settle: [],
      })
      .then([
        {
          type: 'InvoiceIssued',
          data: {
            invoiceId: 'i2',
            kind: 'standard',
            customerId: 'c1',
            currency: 'EUR',
            number: '2026-000002',
            issuedOn: '2026-03-05',
            dueOn: '2026-03-19',
            lines: [line],
            totals: { net: 100_000, vat: 24_000, gross: 124_000 },
            paymentReference: '20260000024',
            issuedAt: now,
          },
        },
      ]);
  });
  it('refuses a draft, or a change to one, whose lines come to more than stays exact', () => {
    const huge = [{ ...input.lines[0]!, quantity: 1_000_000, unitPrice: 100_000_000_000 }];
    spec([])
      .when({ type: 'DraftInvoice', ...input, lines: huge })
      .thenRejectedWith('amount-too-large');
    spec([drafted])
      .when({ type: 'UpdateInvoiceDraft', ...input, lines: huge })
      .thenRejectedWith('amount-too-large');
  });
  it("changes a draft's lines and currency, keeping its customer, deal and offer", () => {
    const fromOffer: InvoiceEvent = {
      type: 'InvoiceDrafted',
      data: {
        invoiceId: 'i2',
        kind: 'standard',
        customerId: 'c1',
        dealId: 'd1',
        offerId: 'o1',
        currency: 'EUR',
        lines: [line],
        totals: { net: 100_000, vat: 24_000, gross: 124_000 },
        draftedAt: now,
      },
    };
    const { customerId: _customer, ...content } = input;
    spec([fromOffer])
      .when({ type: 'UpdateInvoiceDraft', ...content, currency: 'USD' })
      .then([
        {
          type: 'InvoiceDraftUpdated',
          data: {
            invoiceId: 'i2',
            kind: 'standard',
            customerId: 'c1',
            dealId: 'd1',
            offerId: 'o1',
            currency: 'USD',
            lines: [line],
            totals: { net: 100_000, vat: 24_000, gross: 124_000 },
            updatedAt: now,
          },
        },
      ]);
  });
  it('sends, pays or voids no draft, and issues no discarded one', () => {
    spec([drafted])
      .when({ type: 'SendInvoice', invoiceId: 'i2', channel: 'email', recipient: 'x@y.ee', now })
      .thenRejectedWith('invoice-not-issued');
    const discarded: InvoiceEvent = {
      type: 'InvoiceDraftDiscarded',
      data: { invoiceId: 'i2', customerId: 'c1', discardedAt: now },
    };
    spec([drafted, discarded])
      .when({
        type: 'IssueInvoice',
        ...input,
        number: 'n',
        issuedOn: '2026-03-05',
        dueOn: '2026-03-19',
        referenceScheme: 'estonian',
        settle: [],
      })
      .thenRejectedWith('invoice-discarded');
    spec([issued])
      .when({ type: 'UpdateInvoiceDraft', ...input, invoiceId: 'i1' })
      .thenRejectedWith('invoice-not-draft');
  });
});
