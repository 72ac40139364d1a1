import { type InvoiceIssued, type InvoiceSeriesEvent } from '#events';
import { specFor } from '../testing';
import { checkedTotalOf, MAX_AMOUNT, priceLine, totalOf } from './invoice-math';
import { invoiceSeriesDecider } from './invoice-series.decider';
import { invoiceDecider, type IssueInvoice } from './invoice.decider';

const now = '2026-03-01T09:00:00.000Z';
const issue: IssueInvoice = {
  type: 'IssueInvoice',
  invoiceId: 'i1',
  number: '2026-000001',
  kind: 'prepayment',
  customerId: 'c1',
  currency: 'EUR',
  issuedOn: '2026-03-01',
  dueOn: '2026-03-15',
  lines: [
    { description: 'Design', quantity: 3, unitPrice: 3333, discountPercent: 10, vatRate: 24 },
  ],
  referenceScheme: 'estonian',
  settle: [],
  now,
};

describe('invoice arithmetic', () => {
  it('rounds a discounted line half away from zero, once', () => {
    // 3 × 33.33 = 99.99, less 10 % = 89.991 → 89.99; VAT 24 % = 21.5976 → 21.60
    expect(priceLine(issue.lines[0]!)).toMatchObject({ net: 8999, vat: 2160, gross: 11159 });
  });
  it('takes fractional quantities exactly', () => {
    // 1.5 h × 45.00 = 67.50; VAT 22 % = 14.85
    expect(
      priceLine({
        description: 'h',
        quantity: 1.5,
        unitPrice: 4500,
        discountPercent: 0,
        vatRate: 22,
      }),
    ).toMatchObject({ net: 6750, vat: 1485, gross: 8235 });
  });
  it('rounds a half cent up', () => {
    // 0.5 × 0.01 = 0.005 → 0.01
    expect(
      priceLine({ description: 'x', quantity: 0.5, unitPrice: 1, discountPercent: 0, vatRate: 0 })
        .net,
    ).toBe(1);
  });
  it('keeps exactness where floating point would drift', () => {
    // 0.1 + 0.2 style: 3 × 0.10 with 33.33 % discount = 0.20001 → 0.20
    expect(
      priceLine({
        description: 'x',
        quantity: 3,
        unitPrice: 10,
        discountPercent: 33.33,
        vatRate: 0,
      }).net,
    ).toBe(20);
    // a large amount stays exact: 999 999.999 × 99 999 999.99
    expect(
      priceLine({
        description: 'x',
        quantity: 999999.999,
        unitPrice: 9999999999,
        discountPercent: 0,
        vatRate: 0,
      }).net,
    ).toBe(9999999989000000);
  });
  it('totals are the sums of the rounded lines', () => {
    const lines = [priceLine(issue.lines[0]!), priceLine(issue.lines[0]!)];
    expect(totalOf(lines)).toEqual({ net: 17998, vat: 4320, gross: 22318 });
  });
});

describe('IssueInvoice', () => {
  const spec = specFor(invoiceDecider);
  const line = priceLine(issue.lines[0]!);
  const issued: InvoiceIssued = {
    type: 'InvoiceIssued',
    data: {
      invoiceId: 'i1',
      number: '2026-000001',
      kind: 'prepayment',
      customerId: 'c1',
      currency: 'EUR',
      issuedOn: '2026-03-01',
      dueOn: '2026-03-15',
      lines: [line],
      totals: { net: 8999, vat: 2160, gross: 11159 },
      paymentReference: '20260000011',
      issuedAt: now,
    },
  };
  it('issues a prepayment invoice with computed totals', () => {
    spec([]).when(issue).then([issued]);
  });
  it('given lines naming a product, then a standard invoice keeps the code and a prepayment, which sells nothing yet, does not', () => {
    const named = { ...issue, lines: [{ ...issue.lines[0]!, productCode: 'SRV-DESIGN' }] };
    spec([]).when(named).then([issued]);
    spec([])
      .when({ ...named, kind: 'standard' })
      .then([
        {
          ...issued,
          data: {
            ...issued.data,
            kind: 'standard',
            lines: [{ ...line, productCode: 'SRV-DESIGN' }],
          },
        },
      ]);
  });
  it('needs at least one line', () => {
    spec([])
      .when({ ...issue, lines: [] })
      .thenRejectedWith('lines-required');
  });
  it('rejects a due date before the issue date', () => {
    spec([])
      .when({ ...issue, dueOn: '2026-02-28' })
      .thenRejectedWith('due-after-issue');
  });
  it('rejects an issued invoice', () => {
    spec([issued]).when(issue).thenRejectedWith('invoice-exists');
  });
  describe('amounts past what stays exact', () => {
    const priced = (quantity: number, unitPrice: number, vatRate = 0) => ({
      description: 'Licence',
      quantity,
      unitPrice,
      discountPercent: 0,
      vatRate,
    });
    it('given one line past the bound (1 000 000 × 1 000 000 000.00), then it is refused, not stored rounded', () => {
      spec([])
        .when({ ...issue, kind: 'standard', lines: [priced(1_000_000, 100_000_000_000)] })
        .thenRejectedWith('amount-too-large');
    });
    it('given a line whose VAT takes it past the bound, or lines within it that together are not, then it is refused', () => {
      spec([])
        .when({ ...issue, kind: 'standard', lines: [priced(90, 100_000_000_000, 24)] })
        .thenRejectedWith('amount-too-large');
      spec([])
        .when({
          ...issue,
          kind: 'standard',
          lines: [priced(60, 100_000_000_000), priced(41, 100_000_000_000)],
        })
        .thenRejectedWith('amount-too-large');
      spec([])
        .when({ ...issue, kind: 'standard', lines: [priced(-101, 100_000_000_000)] })
        .thenRejectedWith('amount-too-large');
    });
    it('given lines that come to the bound exactly, then the invoice is issued with exact totals', () => {
      const [event] = invoiceDecider.decide(
        {
          ...issue,
          kind: 'standard',
          lines: [priced(60, 100_000_000_000), priced(40, 100_000_000_000)],
        },
        invoiceDecider.initialState(),
      );
      expect((event as InvoiceIssued).data.totals).toEqual({
        net: MAX_AMOUNT,
        vat: 0,
        gross: MAX_AMOUNT,
      });
      expect(checkedTotalOf([priceLine(priced(100, 100_000_000_000))]).gross).toBe(MAX_AMOUNT);
    });
    it('given an invoice stored past the bound before it held, then it can still be voided or credited', () => {
      const lines = [priceLine(priced(1_000, 100_000_000_000))];
      const stored: InvoiceIssued = {
        ...issued,
        data: { ...issued.data, kind: 'standard', lines, totals: totalOf(lines) },
      };
      const voided = invoiceDecider.decide(
        {
          type: 'VoidInvoice',
          invoiceId: 'i1',
          reason: 'Entered in error',
          creditNoteNumber: 'CN-2026-000001',
          today: '2026-03-02',
          now,
        },
        invoiceDecider.evolve(invoiceDecider.initialState(), stored),
      );
      expect(voided[0]).toMatchObject({
        type: 'InvoiceVoided',
        data: { creditNote: { totals: { gross: -100_000_000_000_000 } } },
      });
    });
  });
});

describe('AssignNumber', () => {
  const spec = specFor(invoiceSeriesDecider);
  const first: InvoiceSeriesEvent = {
    type: 'InvoiceNumberAssigned',
    data: { year: 2026, sequence: 1, number: '2026-000001', invoiceId: 'i1' },
  };
  it('starts a year at 000001', () => {
    spec([]).when({ type: 'AssignNumber', year: 2026, invoiceId: 'i1' }).then([first]);
  });
  it('takes the next number without gaps', () => {
    spec([first])
      .when({ type: 'AssignNumber', year: 2026, invoiceId: 'i2' })
      .then([
        {
          type: 'InvoiceNumberAssigned',
          data: { year: 2026, sequence: 2, number: '2026-000002', invoiceId: 'i2' },
        },
      ]);
  });
  it('gives an invoice its number only once', () => {
    spec([first]).when({ type: 'AssignNumber', year: 2026, invoiceId: 'i1' }).thenNothingHappened();
  });
});
