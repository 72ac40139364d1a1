import { type Event, type InvoiceLine } from '#events';
import { priceLine } from '#domain';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { productsProjection } from './products.projection';

const at = '2026-03-01T09:00:00.000Z';
const later = '2026-04-01T09:00:00.000Z';
const added: Event = {
  type: 'ProductAdded',
  data: {
    productCode: 'SRV-HOOLDUS',
    name: 'Hooldus',
    kind: 'service',
    unit: 'h',
    vatRate: 24,
    prices: [
      { currency: 'EUR', unitPrice: 6500 },
      { currency: 'SEK', unitPrice: 75000 },
    ],
    addedAt: at,
  },
};
const line = (quantity: number, productCode?: string): InvoiceLine =>
  priceLine({
    description: 'Hooldus',
    quantity,
    unitPrice: 6500,
    discountPercent: 0,
    vatRate: 24,
    ...(productCode ? { productCode } : {}),
  });
const issued = (
  invoiceId: string,
  kind: 'standard' | 'prepayment',
  lines: InvoiceLine[],
): Event => ({
  type: 'InvoiceIssued',
  data: {
    invoiceId,
    number: `2026-00000${invoiceId.slice(1)}`,
    kind,
    customerId: 'c1',
    currency: 'EUR',
    issuedOn: '2026-03-01',
    dueOn: '2026-03-15',
    lines,
    totals: { net: 0, vat: 0, gross: 0 },
    issuedAt: at,
  },
});
const credited = (invoiceId: string, lines: InvoiceLine[]) => ({
  number: 'CN-2026-000001',
  issuedOn: '2026-03-20',
  lines: lines.map((l) => ({
    ...l,
    quantity: -l.quantity,
    net: -l.net,
    vat: -l.vat,
    gross: -l.gross,
  })),
  totals: { net: 0, vat: 0, gross: 0 },
  invoiceId,
});

describe('products projection', () => {
  it('given a product changed, priced and retired, then the entry as it stands with its price history', async () => {
    const { once } = await projectAll(
      productsProjection,
      storedEvents([
        added,
        {
          type: 'ProductDetailsChanged',
          data: {
            productCode: 'SRV-HOOLDUS',
            name: 'Hooldustöö',
            description: 'Kohapeal',
            changedAt: at,
          },
        },
        {
          type: 'ProductPriced',
          data: {
            productCode: 'SRV-HOOLDUS',
            currency: 'EUR',
            unitPrice: 7000,
            previousUnitPrice: 6500,
            pricedAt: later,
          },
        },
        {
          type: 'ProductPriced',
          data: {
            productCode: 'SRV-HOOLDUS',
            currency: 'SEK',
            unitPrice: null,
            previousUnitPrice: 75000,
            pricedAt: later,
          },
        },
        {
          type: 'ProductRetired',
          data: { productCode: 'SRV-HOOLDUS', reason: 'Ei paku enam', retiredAt: later },
        },
      ]),
      collections.products,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'SRV-HOOLDUS',
        name: 'Hooldustöö',
        kind: 'service',
        unit: 'h',
        vatRate: 24,
        description: 'Kohapeal',
        prices: { EUR: 7000 },
        status: 'retired',
        retiredAt: later,
        retireReason: 'Ei paku enam',
        addedAt: at,
        changedAt: later,
        priceChanges: [
          { currency: 'EUR', unitPrice: 7000, previousUnitPrice: 6500, at: later },
          { currency: 'SEK', unitPrice: null, previousUnitPrice: 75000, at: later },
        ],
      }),
    ]);
  });

  it('given invoices naming it, then what was sold: a prepayment sells nothing, credit notes and a void take off', async () => {
    const first = [line(2, 'SRV-HOOLDUS'), line(1.5, 'SRV-HOOLDUS'), line(1)];
    const { once } = await projectAll(
      productsProjection,
      storedEvents([
        added,
        issued('i1', 'standard', first),
        issued('i2', 'prepayment', [line(10, 'SRV-HOOLDUS')]),
        issued('i3', 'standard', [line(4, 'SRV-HOOLDUS')]),
        {
          type: 'CreditNoteIssued',
          data: {
            invoiceId: 'i1',
            customerId: 'c1',
            number: '2026-000001',
            creditNoteId: 'cn1',
            currency: 'EUR',
            creditNote: credited('i1', [line(1, 'SRV-HOOLDUS')]),
            creditedLines: [{ line: 0, quantity: 1 }],
            reason: 'Üks tund vähem',
            issuedAt: later,
          },
        },
        {
          type: 'InvoiceVoided',
          data: {
            invoiceId: 'i3',
            customerId: 'c1',
            number: '2026-000003',
            reason: 'Tühistatud',
            creditNote: credited('i3', [line(4, 'SRV-HOOLDUS')]),
            voidedAt: later,
          },
        },
      ]),
      collections.products,
    );
    // 2 + 1.5 sold on i1, 1 credited; i3 sold 4 and was voided; the prepayment's 10 never count.
    expect(once[0]!['sold']).toEqual({ EUR: { quantity: 2.5, net: 16_250 } });
  });
});
