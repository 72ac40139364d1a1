import { type InvoiceLine } from '#events';
import { type InvoiceDocument, vatBreakdown } from './invoice-document';
import { renderInvoicePdf } from './invoice-pdf';
import { overlaps, pdfText, pdfTextRuns } from './testing';

const line = (description: string, quantity: number, unitPrice: number, discountPercent = 0) => {
  const net = Math.round(quantity * unitPrice * (1 - discountPercent / 100));
  const vat = Math.round(net * 0.24);
  return {
    description,
    quantity,
    unitPrice,
    discountPercent,
    vatRate: 24,
    net,
    vat,
    gross: net + vat,
  };
};
const totals = (lines: InvoiceLine[]) =>
  lines.reduce((t, l) => ({ net: t.net + l.net, vat: t.vat + l.vat, gross: t.gross + l.gross }), {
    net: 0,
    vat: 0,
    gross: 0,
  });
const documentOf = (
  lines: InvoiceLine[],
  overrides: Partial<InvoiceDocument> = {},
): InvoiceDocument => ({
  kind: 'invoice',
  number: '2026-000007',
  issuedOn: '2026-03-05',
  dueOn: '2026-03-19',
  currency: 'EUR',
  lines,
  totals: totals(lines),
  vat: vatBreakdown(lines),
  paid: 0,
  toPay: totals(lines).gross,
  paymentReference: '20260000075',
  seller: {
    name: 'Kroonika OÜ',
    address: { country: 'EE' },
    lines: [],
    bankAccounts: [{ iban: 'EE382200221020145685', bic: 'HABAEE2X', currency: 'EUR' }],
  },
  buyer: { name: 'Žydrūnė Šalčiūtė-Kőszegi' },
  language: 'en',
  ...overrides,
});

describe('the invoice PDF', () => {
  it('prints the discount, so the lines add up on paper', async () => {
    const pdf = await renderInvoicePdf(
      documentOf([{ ...line('Consulting', 2, 6_000, 10), unit: 'h', productCode: 'CONSULT-H' }]),
    );
    const [page] = pdfText(pdf);
    // a line naming a product prints its code under the description
    expect(page).toContain('Code CONSULT-H');
    // 2 h × 60.00 less 10 % = 108.00; VAT 24 % = 25.92; 133.92
    for (const text of [
      '2 h',
      'Discount',
      '10 %',
      '€60.00',
      '€108.00',
      '€25.92',
      '€133.92',
      '20260000075',
    ])
      expect(page).toContain(text);
  });

  it('leaves no text on top of other text, whatever is missing or long', async () => {
    const bare = documentOf([line('x', 1, 100)], {
      dueOn: undefined,
      paymentReference: undefined,
      seller: { name: 'S', address: { country: 'EE' }, lines: [], bankAccounts: [] },
      buyer: { name: 'B' },
    });
    const full = documentOf(
      Array.from({ length: 45 }, (_, i) => ({
        ...line(
          `Line ${i + 1}: ${'a long description that has to wrap over several lines '.repeat(i % 3)}`,
          i * 1_111 + 0.5,
          1_234,
          i % 2 ? 5 : 0,
        ),
        // units long and short: the quantity's column wraps rather than running into the price
        ...(i % 3 === 0 ? {} : { unit: i % 3 === 1 ? 'pcs' : 'months' }),
        ...(i % 4 === 0 ? { productCode: `SERVICE-${i}` } : {}),
      })),
      {
        seller: {
          name: 'Kroonika OÜ with a rather long legal name that wraps in its column',
          registryCode: '12345678',
          vatNumber: 'EE100000001',
          address: { street: 'Pikk 1', city: 'Tallinn', postalCode: '10123', country: 'EE' },
          email: 'arved@kroonika.example',
          phone: '+372 5555 1234',
          lines: ['Swedbank, SEB'],
          bankAccounts: [
            { iban: 'EE382200221020145685', bic: 'HABAEE2X', currency: 'EUR' },
            { iban: 'LT121000011101001000', currency: 'EUR' },
          ],
        },
        buyer: {
          name: 'Žydrūnė Šalčiūtė-Kőszegi',
          address: {
            street: 'Gedimino pr. 1',
            city: 'Vilnius',
            postalCode: '01103',
            country: 'LT',
          },
          registryCode: '302000000',
          vatNumber: 'LT100000000000',
        },
        language: 'lt',
      },
    );
    for (const document of [bare, full]) {
      const runs = pdfTextRuns(await renderInvoicePdf(document));
      expect(overlaps(runs)).toEqual([]);
    }
    const pages = pdfText(await renderInvoicePdf(full));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain(`Puslapis ${pages.length} iš ${pages.length}`);
    expect(pages.join(' ')).toContain('Mokėtina');
  });

  it('prints an offer: what it is about, its version, until when it holds, its terms; no payment', async () => {
    const lines = [line('Web shop', 1, 450_000), line('Hosting, a year', 1, 36_000)];
    const offer = documentOf(lines, {
      kind: 'offer',
      number: '3F2A9C1D-2',
      offer: {
        subject: 'Web shop for Kase AS',
        version: 2,
        validUntil: '2026-04-01',
        terms: 'Half on signing, half on delivery',
      },
      dueOn: undefined,
      paymentReference: undefined,
      toPay: 0,
      language: 'et',
    });
    const pdf = await renderInvoicePdf(offer);
    const [page] = pdfText(pdf);
    for (const text of [
      'Hinnapakkumine: Web shop for Kase AS',
      'Versioon: 2',
      'Kehtib kuni: 1. aprill 2026',
      'Kliendile',
      'Tingimused',
      'Half on signing, half on delivery',
      'Hinnapakkumine 3F2A9C1D-2',
    ])
      expect(page).toContain(text);
    for (const text of ['Maksja', 'Tasuda', 'Arveldusarve', 'Viitenumber'])
      expect(page).not.toContain(text);
    expect(overlaps(pdfTextRuns(pdf))).toEqual([]);
  });
});
