import { InvoiceService } from '@e-invoice-eu/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type InvoiceLine } from '#events';
import { eInvoiceData, EInvoiceIncompleteError, renderEInvoice, unitCode } from './e-invoice';
import { type InvoiceDocument, vatBreakdown } from './invoice-document';

const line = (description: string, quantity: number, unitPrice: number, vatRate: number) => {
  const net = quantity * unitPrice;
  const vat = Math.round((net * vatRate) / 100);
  return {
    description,
    quantity,
    unitPrice,
    discountPercent: 0,
    vatRate,
    net,
    vat,
    gross: net + vat,
  };
};
const lines: InvoiceLine[] = [line('Design', 2, 10_000, 24), line('Deposit taken', 1, -5_000, 24)];
const document: InvoiceDocument = {
  kind: 'invoice',
  number: '2026-000009',
  issuedOn: '2026-03-05',
  dueOn: '2026-03-19',
  currency: 'EUR',
  lines,
  totals: { net: 15_000, vat: 3_600, gross: 18_600 },
  vat: vatBreakdown(lines),
  paid: 0,
  toPay: 18_600,
  paymentReference: '20260000091',
  seller: {
    name: 'Kroonika OÜ',
    registryCode: '12345678',
    address: { country: 'EE' },
    lines: [],
    bankAccounts: [{ iban: 'EE382200221020145685', currency: 'EUR' }],
  },
  buyer: {
    name: 'Õunaaed OÜ',
    registryCode: '10000001',
    address: { city: 'Tartu', country: 'EE' },
  },
  language: 'et',
};
const parse = (xml: string) =>
  new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(xml) as {
    Invoice: { InvoiceLine: { InvoicedQuantity: string; Price: { PriceAmount: string } }[] };
  };

describe('EN 16931 e-invoices', () => {
  it('turns a deduction into a negative quantity at a positive price', async () => {
    const { Invoice } = parse(await renderEInvoice(document));
    expect(Invoice.InvoiceLine.map((l) => [l.InvoicedQuantity, l.Price.PriceAmount])).toEqual([
      ['2', '100'],
      ['-1', '50'],
    ]);
  });

  it("names a line's catalogue product as the seller's item identifier (BT-155)", async () => {
    const named = {
      ...document,
      lines: [{ ...lines[0]!, productCode: 'SRV-DESIGN', unit: 'h' }, lines[1]!],
    };
    const parsed = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(
      await renderEInvoice(named),
    ) as { Invoice: { InvoiceLine: { Item: { SellersItemIdentification?: { ID: string } } }[] } };
    expect(parsed.Invoice.InvoiceLine.map((l) => l.Item.SellersItemIdentification?.ID)).toEqual([
      'SRV-DESIGN',
      undefined,
    ]);
  });

  it('gives a line with a unit it knows its UN/ECE code, any other a unit count', () => {
    expect(
      ['h', 'Tund', 'pcs', 'tk.', 'month', 'kuu', 'kWh', 'm²', 'box', undefined].map(unitCode),
    ).toEqual(['HUR', 'HUR', 'H87', 'H87', 'MON', 'MON', 'KWH', 'MTK', 'C62', 'C62']);
  });

  it('stays well-formed XML when a text holds a character XML cannot carry', async () => {
    // given a buyer's name with a control character and a line with an unpaired surrogate,
    // stored as they were sent
    const odd: InvoiceDocument = {
      ...document,
      buyer: { ...document.buyer, name: 'Õuna\u0001aed OÜ' },
      lines: document.lines.map((l, i) => (i === 0 ? { ...l, description: 'Hours \uD800' } : l)),
    };
    // when it is rendered
    const xml = await renderEInvoice(odd);
    // then the file is well-formed, with U+FFFD in their place
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('Õuna\uFFFDaed OÜ');
    expect(xml).toContain('Hours \uFFFD');
  });

  it('is validated by the library against the EN 16931 data model', async () => {
    const broken = eInvoiceData(document) as unknown as { 'ubl:Invoice': Record<string, unknown> };
    delete broken['ubl:Invoice']['cac:LegalMonetaryTotal'];
    const service = new InvoiceService({
      log: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    });
    await expect(
      service.generate(broken as never, { format: 'UBL', lang: 'et', noWarnings: true }),
    ).rejects.toThrow();
  });

  it('needs an electronic address for the buyer', () => {
    expect(() =>
      eInvoiceData({ ...document, buyer: { name: 'Jaan', address: { country: 'FI' } } }),
    ).toThrow(EInvoiceIncompleteError);
    // a Finnish company code has no Peppol scheme here; its e-mail address does
    expect(
      eInvoiceData({
        ...document,
        buyer: { name: 'Oy', registryCode: '1', email: 'a@b.fi', address: { country: 'FI' } },
      }),
    ).toBeDefined();
  });
});
