import { type InvoiceEvent, type InvoiceIssued, type InvoiceLine } from '#events';
import { specFor } from '../testing';
import { type CreditSelection } from './credit-notes';
import { priceLine, totalOf } from './invoice-math';
import {
  amountOutstanding,
  type InvoiceState,
  invoiceDecider,
  type IssueInvoice,
  type IssuedInvoice,
} from './invoice.decider';

const now = '2026-03-05T09:00:00.000Z';
const spec = specFor(invoiceDecider);
const fold = (events: InvoiceEvent[]): InvoiceState =>
  events.reduce(invoiceDecider.evolve, invoiceDecider.initialState());
const issuedState = (events: InvoiceEvent[]) => fold(events) as IssuedInvoice;

const sale = [
  { description: 'Design', quantity: 10, unitPrice: 10_000, discountPercent: 0, vatRate: 24 },
  { description: 'Books', quantity: 4, unitPrice: 2_500, discountPercent: 0, vatRate: 9 },
];
const invoiceEvent = (
  id: string,
  number: string,
  kind: 'standard' | 'prepayment',
  lines: InvoiceLine[],
  extra: Partial<InvoiceIssued['data']> = {},
): InvoiceIssued => ({
  type: 'InvoiceIssued',
  data: {
    invoiceId: id,
    number,
    kind,
    customerId: 'c1',
    dealId: 'd1',
    currency: 'EUR',
    issuedOn: '2026-03-01',
    dueOn: '2026-03-15',
    lines,
    totals: totalOf(lines),
    paymentReference: '20260000011',
    issuedAt: now,
    ...extra,
  },
});

// 30 % in advance of each VAT rate: 300.00 at 24 %, 3.00 at 9 %.
const prepaymentLines = [
  priceLine({
    description: 'Advance 30 %',
    quantity: 1,
    unitPrice: 30_000,
    discountPercent: 0,
    vatRate: 24,
  }),
  priceLine({
    description: 'Advance 30 %',
    quantity: 1,
    unitPrice: 3_000,
    discountPercent: 0,
    vatRate: 9,
  }),
];
const prepayment = invoiceEvent('p1', '2026-000001', 'prepayment', prepaymentLines);
const prepaid: InvoiceEvent = {
  type: 'PaymentRecorded',
  data: {
    invoiceId: 'p1',
    customerId: 'c1',
    paymentId: 'bank-tx-0001',
    amount: prepayment.data.totals.gross,
    currency: 'EUR',
    paidOn: '2026-03-02',
    outstanding: 0,
    overpaid: 0,
    recordedAt: now,
  },
};

const finalInvoice = (settle: IssuedInvoice[]): IssueInvoice => ({
  type: 'IssueInvoice',
  invoiceId: 'f1',
  number: '2026-000002',
  kind: 'standard',
  customerId: 'c1',
  dealId: 'd1',
  currency: 'EUR',
  issuedOn: '2026-03-05',
  dueOn: '2026-03-19',
  lines: sale,
  referenceScheme: 'estonian',
  settle,
  now,
});

describe('prepayment settlement', () => {
  const paidPrepayment = issuedState([prepayment, prepaid]);

  it('deducts the prepayment per VAT rate, so only the rest is due', () => {
    const [event] = invoiceDecider.decide(finalInvoice([paidPrepayment]), fold([]));
    const issued = (event as InvoiceIssued).data;
    // sale: 1 000.00 + 24 % and 100.00 + 9 % = 1 240.00 + 109.00 = 1 349.00
    // prepayment: 300.00 + 72.00 and 30.00 + 2.70 = 404.70
    expect(issued.lines.slice(2)).toEqual([
      {
        description: 'Prepayment invoice 2026-000001',
        quantity: -1,
        unitPrice: 30_000,
        discountPercent: 0,
        vatRate: 24,
        net: -30_000,
        vat: -7_200,
        gross: -37_200,
        settles: { invoiceId: 'p1', number: '2026-000001' },
      },
      {
        description: 'Prepayment invoice 2026-000001',
        quantity: -1,
        unitPrice: 3_000,
        discountPercent: 0,
        vatRate: 9,
        net: -3_000,
        vat: -270,
        gross: -3_270,
        settles: { invoiceId: 'p1', number: '2026-000001' },
      },
    ]);
    expect(issued.totals).toEqual({ net: 77_000, vat: 17_430, gross: 94_430 });
    expect(issued.totals.gross).toBe(134_900 - 40_470);
    expect(issued.settles).toEqual([{ invoiceId: 'p1', number: '2026-000001' }]);
    expect(amountOutstanding(issuedState([event as InvoiceEvent]))).toBe(94_430);
  });

  it('settles a prepayment once: another invoice is refused, its own retry is not', () => {
    const settled: InvoiceEvent = {
      type: 'PrepaymentSettled',
      data: {
        invoiceId: 'p1',
        customerId: 'c1',
        number: '2026-000001',
        settledBy: { invoiceId: 'f1', number: '2026-000002' },
        settledAt: now,
      },
    };
    spec([prepayment])
      .when({
        type: 'SettlePrepayment',
        invoiceId: 'p1',
        by: { invoiceId: 'f1', number: '2026-000002' },
        now,
      })
      .then([settled]);
    spec([prepayment, settled])
      .when({
        type: 'SettlePrepayment',
        invoiceId: 'p1',
        by: { invoiceId: 'f1', number: '2026-000002' },
        now,
      })
      .thenNothingHappened();
    spec([prepayment, settled])
      .when({
        type: 'SettlePrepayment',
        invoiceId: 'p1',
        by: { invoiceId: 'f2', number: 'x' },
        now,
      })
      .thenRejectedWith('prepayment-settled');
    spec([])
      .when({ ...finalInvoice([issuedState([prepayment, settled])]), invoiceId: 'f2' })
      .thenRejectedWith('prepayment-settled');
    // voiding the settling invoice releases it; then it may be settled again
    const released: InvoiceEvent = {
      type: 'PrepaymentSettlementReleased',
      data: {
        invoiceId: 'p1',
        customerId: 'c1',
        number: '2026-000001',
        releasedFrom: { invoiceId: 'f1', number: '2026-000002' },
        releasedAt: now,
      },
    };
    spec([prepayment, settled])
      .when({
        type: 'ReleasePrepayment',
        invoiceId: 'p1',
        from: { invoiceId: 'f1', number: '2026-000002' },
        now,
      })
      .then([released]);
    spec([prepayment, settled, released])
      .when({
        type: 'SettlePrepayment',
        invoiceId: 'p1',
        by: { invoiceId: 'f2', number: 'x' },
        now,
      })
      .then([
        {
          type: 'PrepaymentSettled',
          data: { ...settled.data, settledBy: { invoiceId: 'f2', number: 'x' } },
        },
      ]);
  });

  it('settles only prepayments of the customer in the currency, and no more than is sold', () => {
    const standard = issuedState([invoiceEvent('s1', '2026-000009', 'standard', prepaymentLines)]);
    spec([])
      .when(finalInvoice([standard]))
      .thenRejectedWith('not-a-prepayment');
    const foreign = issuedState([
      invoiceEvent('p2', '2026-000003', 'prepayment', prepaymentLines, { customerId: 'c2' }),
    ]);
    spec([])
      .when(finalInvoice([foreign]))
      .thenRejectedWith('prepayment-of-another-customer');
    const usd = issuedState([
      invoiceEvent('p3', '2026-000004', 'prepayment', prepaymentLines, { currency: 'USD' }),
    ]);
    spec([])
      .when(finalInvoice([usd]))
      .thenRejectedWith('currency-mismatch');
    spec([])
      .when({ ...finalInvoice([paidPrepayment]), lines: [sale[1]!] })
      .thenRejectedWith('settlement-exceeds-invoice');
    spec([])
      .when({ ...finalInvoice([paidPrepayment]), kind: 'prepayment' })
      .thenRejectedWith('prepayment-cannot-settle');
    spec([])
      .when(finalInvoice([paidPrepayment, paidPrepayment]))
      .thenRejectedWith('prepayment-twice');
  });

  it('accepts deduction lines but no invoice below zero', () => {
    const deduction = {
      description: 'Deposit received',
      quantity: 1,
      unitPrice: -50_000,
      discountPercent: 0,
      vatRate: 24,
    };
    const [event] = invoiceDecider.decide(
      { ...finalInvoice([]), lines: [...sale, deduction] },
      fold([]),
    );
    expect((event as InvoiceIssued).data.totals.gross).toBe(134_900 - 62_000);
    spec([])
      .when({ ...finalInvoice([]), lines: [deduction] })
      .thenRejectedWith('negative-invoice');
  });
});

describe('payment references on issue', () => {
  it('makes an Estonian reference from the number, or an RF one on request', () => {
    const [estonian] = invoiceDecider.decide(finalInvoice([]), fold([]));
    expect((estonian as InvoiceIssued).data.paymentReference).toBe('20260000024');
    const [rf] = invoiceDecider.decide(
      { ...finalInvoice([]), referenceScheme: 'iso11649' },
      fold([]),
    );
    expect((rf as InvoiceIssued).data.paymentReference).toBe('RF152026000002');
  });

  it('keeps a valid reference given, compacted, and refuses an invalid one', () => {
    const [given] = invoiceDecider.decide(
      { ...finalInvoice([]), paymentReference: 'rf18 5390 0754 7034' },
      fold([]),
    );
    expect((given as InvoiceIssued).data.paymentReference).toBe('RF18539007547034');
    spec([])
      .when({ ...finalInvoice([]), paymentReference: '1234562' })
      .thenRejectedWith('invalid-payment-reference');
  });
});

const issued = invoiceEvent('i1', '2026-000010', 'standard', sale.map(priceLine), {
  dealId: undefined,
});
const payment = (paymentId: string, amount: number, outstanding: number, overpaid = 0) =>
  ({
    type: 'PaymentRecorded',
    data: {
      invoiceId: 'i1',
      customerId: 'c1',
      paymentId,
      amount,
      currency: 'EUR',
      paidOn: '2026-03-10',
      outstanding,
      overpaid,
      recordedAt: now,
    },
  }) as InvoiceEvent;

describe('payments by bank transaction id', () => {
  const pay = {
    type: 'RecordPayment' as const,
    invoiceId: 'i1',
    paymentId: 'bank-tx-0001',
    amount: 100_000,
    currency: 'EUR',
    paidOn: '2026-03-10',
    allowOverpayment: false,
    now,
  };
  it('takes any transaction id once', () => {
    spec([issued])
      .when(pay)
      .then([payment('bank-tx-0001', 100_000, 34_900)]);
    spec([issued, payment('bank-tx-0001', 100_000, 34_900)])
      .when(pay)
      .thenNothingHappened();
  });
  it('given a payment, when its id comes again with another amount, then it is refused, not ignored', () => {
    spec([issued, payment('bank-tx-0001', 100_000, 34_900)])
      .when({ ...pay, amount: 10_000 })
      .thenRejectedWith('payment-id-taken');
  });
  it('given today, when a payment entered by hand is dated later, then it is refused; a bank booking is taken as dated', () => {
    spec([issued])
      .when({ ...pay, today: '2026-03-09' })
      .thenRejectedWith('paid-in-future');
    spec([issued])
      .when({ ...pay, today: '2026-03-10' })
      .then([payment('bank-tx-0001', 100_000, 34_900)]);
  });
});

describe('refunds', () => {
  const refund = (amount: number) => ({
    type: 'RecordRefund' as const,
    invoiceId: 'i1',
    refundId: `refund-${amount}`,
    amount,
    currency: 'EUR',
    refundedOn: '2026-03-12',
    reason: 'Returned',
    today: '2026-03-20',
    now,
  });
  const refunded = (amount: number): InvoiceEvent => ({
    type: 'RefundRecorded',
    data: {
      invoiceId: 'i1',
      customerId: 'c1',
      refundId: `refund-${amount}`,
      amount,
      currency: 'EUR',
      refundedOn: '2026-03-12',
      reason: 'Returned',
      recordedAt: now,
    },
  });
  const paidInFull = payment('tx-1', 134_900, 0);

  it('pays back no more than was paid and kept', () => {
    spec([issued, paidInFull])
      .when(refund(134_900))
      .then([refunded(134_900)]);
    spec([issued, paidInFull]).when(refund(134_901)).thenRejectedWith('refund-exceeds-payments');
    spec([issued]).when(refund(1)).thenRejectedWith('refund-exceeds-payments');
    spec([issued, paidInFull, refunded(134_900)])
      .when(refund(134_900))
      .thenNothingHappened();
    spec([issued, paidInFull, refunded(900)])
      .when({ ...refund(900), amount: 1_000 })
      .thenRejectedWith('refund-id-taken');
  });

  it('given today, when a refund is dated later, then it is refused', () => {
    spec([issued, paidInFull])
      .when({ ...refund(900), today: '2026-03-11' })
      .thenRejectedWith('refunded-in-future');
  });

  it('given a payment on a day, when a refund is dated before it, then it is refused', () => {
    // paidInFull was paid on 2026-03-10; a refund that day or later is taken.
    spec([issued, paidInFull])
      .when({ ...refund(900), refundedOn: '2026-03-09' })
      .thenRejectedWith('refund-before-payment');
    spec([issued, paidInFull])
      .when({ ...refund(900), refundedOn: '2026-03-10' })
      .then([
        {
          ...refunded(900),
          data: { ...refunded(900).data, refundedOn: '2026-03-10' },
        } as InvoiceEvent,
      ]);
  });

  it('takes a paid invoice back to partly paid', () => {
    expect(issuedState([issued, paidInFull]).status).toBe('paid');
    expect(issuedState([issued, paidInFull, refunded(900)]).status).toBe('partially_paid');
  });

  it('lets an invoice with payments be voided once they are refunded', () => {
    const voiding = {
      type: 'VoidInvoice' as const,
      invoiceId: 'i1',
      reason: 'Cancelled',
      creditNoteNumber: 'CN-2026-000001',
      today: '2026-03-12',
      now,
    };
    spec([issued, paidInFull]).when(voiding).thenRejectedWith('invoice-has-payments');
    const [voided] = invoiceDecider.decide(voiding, fold([issued, paidInFull, refunded(134_900)]));
    expect(voided?.type).toBe('InvoiceVoided');
  });
});

describe('moving money to another invoice', () => {
  const target = {
    invoiceId: 'i2',
    number: '2026-000011',
    customerId: 'c1',
    currency: 'EUR',
    status: 'issued' as const,
  };
  const overpaid = payment('tx-2', 140_000, 0, 5_100);
  const move = (amount: number, to = target) => ({
    type: 'TransferPayment' as const,
    invoiceId: 'i1',
    transferId: 't1',
    amount,
    to,
    now,
  });

  it('moves an overpayment to another invoice of the customer', () => {
    expect(issuedState([issued, overpaid])).toMatchObject({ status: 'paid' });
    spec([issued, overpaid])
      .when(move(5_100))
      .then([
        {
          type: 'PaymentTransferred',
          data: {
            invoiceId: 'i1',
            customerId: 'c1',
            transferId: 't1',
            amount: 5_100,
            currency: 'EUR',
            toInvoiceId: 'i2',
            toNumber: '2026-000011',
            transferredAt: now,
          },
        },
      ]);
    spec([issued, overpaid]).when(move(140_001)).thenRejectedWith('transfer-exceeds-payments');
    spec([issued, overpaid])
      .when(move(100, { ...target, customerId: 'c2' }))
      .thenRejectedWith('invoice-of-another-customer');
    spec([issued, overpaid])
      .when(move(100, { ...target, status: 'void' as never }))
      .thenRejectedWith('invoice-void');
  });
});

describe('partial credit notes', () => {
  const credit = (selection: CreditSelection) => ({
    type: 'IssueCreditNote' as const,
    invoiceId: 'i1',
    creditNoteId: 'cn1',
    creditNoteNumber: 'CN-2026-000001',
    today: '2026-03-12',
    reason: 'Two books returned',
    selection,
    now,
  });

  it('credits part of a line with its own number', () => {
    const [event] = invoiceDecider.decide(
      credit({ lines: [{ line: 1, quantity: 2 }] }),
      fold([issued]),
    );
    expect(event).toEqual({
      type: 'CreditNoteIssued',
      data: {
        invoiceId: 'i1',
        customerId: 'c1',
        number: '2026-000010',
        creditNoteId: 'cn1',
        currency: 'EUR',
        creditNote: {
          number: 'CN-2026-000001',
          issuedOn: '2026-03-12',
          lines: [
            {
              description: 'Books',
              quantity: -2,
              unitPrice: 2_500,
              discountPercent: 0,
              vatRate: 9,
              net: -5_000,
              vat: -450,
              gross: -5_450,
            },
          ],
          totals: { net: -5_000, vat: -450, gross: -5_450 },
        },
        creditedLines: [{ line: 1, quantity: 2 }],
        reason: 'Two books returned',
        issuedAt: now,
      },
    });
    const after = issuedState([issued, event!]);
    expect(amountOutstanding(after)).toBe(134_900 - 5_450);
    // only two books are left to credit
    spec([issued, event!])
      .when({ ...credit({ lines: [{ line: 1, quantity: 3 }] }), creditNoteId: 'cn2' })
      .thenRejectedWith('credit-exceeds-line');
    spec([issued, event!])
      .when({ ...credit({ lines: [{ line: 1, quantity: 3 }] }) })
      .thenNothingHappened();
  });

  it('credits an amount at one VAT rate, within what is due', () => {
    const [event] = invoiceDecider.decide(
      credit({ amount: { gross: 12_400, vatRate: 24, description: 'Goodwill' } }),
      fold([issued]),
    );
    expect(event).toMatchObject({
      type: 'CreditNoteIssued',
      data: {
        creditNote: {
          lines: [
            {
              description: 'Goodwill',
              net: -10_000,
              vat: -2_400,
              gross: -12_400,
              adjustment: true,
            },
          ],
          totals: { net: -10_000, vat: -2_400, gross: -12_400 },
        },
      },
    });
    spec([issued])
      .when(credit({ amount: { gross: 134_901, vatRate: 24, description: 'x' } }))
      .thenRejectedWith('credit-exceeds-invoice');
    spec([issued])
      .when(credit({ amount: { gross: 100, vatRate: 20, description: 'x' } }))
      .thenRejectedWith('vat-rate-not-on-invoice');
    // a void after it credits only what was still due
    const voidEvents = invoiceDecider.decide(
      {
        type: 'VoidInvoice',
        invoiceId: 'i1',
        reason: 'Cancelled',
        creditNoteNumber: 'CN-2026-000002',
        today: '2026-03-12',
        now,
      },
      fold([issued, event!]),
    );
    expect(voidEvents[0]).toMatchObject({
      type: 'InvoiceVoided',
      data: { creditNote: { totals: { gross: -(134_900 - 12_400) } } },
    });
  });

  it('credits no settlement line and nothing on a settled prepayment', () => {
    const settledPrepayment: InvoiceEvent = {
      type: 'PrepaymentSettled',
      data: {
        invoiceId: 'p1',
        customerId: 'c1',
        number: '2026-000001',
        settledBy: { invoiceId: 'f1', number: '2026-000002' },
        settledAt: now,
      },
    };
    spec([prepayment, settledPrepayment])
      .when({ ...credit({ lines: [{ line: 0 }] }), invoiceId: 'p1' })
      .thenRejectedWith('prepayment-settled');
    const [final] = invoiceDecider.decide(
      finalInvoice([issuedState([prepayment, prepaid])]),
      fold([]),
    );
    spec([final!])
      .when({ ...credit({ lines: [{ line: 2 }] }), invoiceId: 'f1' })
      .thenRejectedWith('line-not-creditable');
  });
});
