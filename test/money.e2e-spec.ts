import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SqliteEventStore } from '#event-store';
import { todayIn } from '../libs/platform/src/today';
import { shiftDay } from './support/days';
import { pdfText } from './support/pdf-text';
import { readStoreTargets } from './support/read-stores';
import { commands, type Ids, queries, type Service, startService } from './support/service';

type Problem = { type: string; detail?: string };
type Line = { description: string; quantity: number; net: number; vat: number; gross: number };
type Invoice = {
  invoiceId: string;
  number: string;
  status: string;
  paymentReference: string;
  lines: Line[];
  totals: { net: number; vat: number; gross: number };
  settles?: { invoiceId: string; number: string }[];
  settledBy?: { invoiceId: string; number: string } | null;
  due: number;
  received: number;
  outstanding: number;
  overpaid: number;
  payments?: { paymentId: string; amount: number; statement?: { statementId: string } }[];
  refunds?: { refundId: string; amount: number }[];
};
type Statement = Ids &
  Record<'matched' | 'unmatched' | 'ambiguous' | 'duplicate' | 'ignored', number> & {
    status: string;
  };

const iban = 'EE382200221020145685';
const env = {
  SELLER_NAME: 'Kroonika OÜ',
  SELLER_REGISTRY_CODE: '12345678',
  SELLER_VAT_NUMBER: 'EE100000001',
  SELLER_STREET: 'Pikk 1',
  SELLER_CITY: 'Tallinn',
  SELLER_POSTAL_CODE: '10123',
  SELLER_COUNTRY: 'EE',
  SELLER_EMAIL: 'arved@kroonika.example',
  SELLER_BANK_ACCOUNTS: `${iban}:HABAEE2X`,
  DEFAULT_LANGUAGE: 'et',
};
const camt = readFileSync(join(__dirname, 'fixtures/camt053.xml'), 'utf8');
const fill = (values: Record<string, string>, template = camt) =>
  Object.entries(values).reduce((xml, [k, v]) => xml.replaceAll(`{{${k}}}`, v), template);
const decimal = (minor: number) => (minor / 100).toFixed(2);
const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, parseTagValue: false });
/** A value deep in a parsed XML document (`#text` of an element with attributes too). */
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]);
const lithuanian = 'Žydrūnė Šalčiūtė-Kőszegi';

describe.each(readStoreTargets())(
  'money exactly right on the $name read store: prepayments, refunds, credit notes, statements, documents',
  (target) => {
    let service: Service;
    let events: SqliteEventStore;
    const today = todayIn('UTC', new Date())!;
    const c = () => commands(service);
    const q = () => queries(service);
    const invoice = async (id: string, after: number) =>
      (await q().get<Invoice>(`/invoices/${id}`, after)).body;
    const ids = {
      lt: '',
      deal: '',
      prepayment: '',
      final: '',
      ee: '',
      refunded: '',
      credited: '',
      creditedNumber: '',
      other: '',
      creditNote: '',
      named: '',
    };
    let last = 0;
    const post = async <T = Ids>(path: string, body: unknown = {}, headers = {}) => {
      const reply = await c().post<T & Ids>(path, body, headers);
      if (reply.status < 300) last = Math.max(last, reply.body.position);
      return reply;
    };

    beforeAll(async () => {
      const readStoreUrl = await target.setup();
      service = await startService({ ...(readStoreUrl ? { readStoreUrl } : {}), env });
      events = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
    }, 60000);
    afterAll(async () => {
      await events.close();
      await service.stop();
      await target.teardown();
    });

    it('deducts a paid 30 % prepayment from the final invoice, per VAT rate', async () => {
      const pipeline = await post<Ids & { stageIds: string[] }>('/pipelines', {
        name: 'Sales',
        stages: [{ name: 'Offer' }],
      });
      const customer = await post('/customers', {
        kind: 'person',
        name: lithuanian,
        email: 'zydrune@example.lt',
        address: { street: 'Gedimino pr. 1', city: 'Vilnius', postalCode: '01103', country: 'LT' },
        preferredLanguage: 'lt',
      });
      ids.lt = customer.body.id;
      const deal = await post('/deals', {
        customerId: ids.lt,
        pipelineId: pipeline.body.id,
        title: 'Library',
        value: { amount: 148_292, currency: 'EUR' },
      });
      ids.deal = deal.body.id;
      const offer = await post<Ids & { offerId: string }>(`/deals/${ids.deal}/offers`, {
        currency: 'EUR',
        validUntil: shiftDay(today, 30),
        lines: [
          { kind: 'service', description: 'Design', quantity: 10, unitPrice: 10_000, vatRate: 24 },
          { kind: 'product', description: 'Books', quantity: 4, unitPrice: 2_500, vatRate: 9 },
          {
            kind: 'service',
            description: 'Consulting',
            quantity: 2,
            unitPrice: 6_000,
            discountPercent: 10,
            vatRate: 24,
          },
        ],
      });
      await post(`/deals/${ids.deal}/offers/${offer.body.offerId}/accept`);
      // 30 % of the net at each rate: 332.40 at 24 %, 30.00 at 9 %
      const prepayment = await post('/invoices', {
        kind: 'prepayment',
        customerId: ids.lt,
        dealId: ids.deal,
        currency: 'EUR',
        issuedOn: today,
        dueOn: shiftDay(today, 7),
        lines: [
          { description: 'Ettemaks 30%', quantity: 1, unitPrice: 33_240, vatRate: 24 },
          { description: 'Ettemaks 30%', quantity: 1, unitPrice: 3_000, vatRate: 9 },
        ],
      });
      expect(prepayment.status).toBe(201);
      ids.prepayment = prepayment.body.id;
      const paid = await post(`/invoices/${ids.prepayment}/payments`, {
        paymentId: 'bank-tx-prepay',
        amount: 44_488,
        currency: 'EUR',
        paidOn: today,
      });
      expect(paid.status).toBe(201);

      const final = await post<Ids & { settles: string[] }>('/invoices', {
        kind: 'standard',
        customerId: ids.lt,
        dealId: ids.deal,
        currency: 'EUR',
        issuedOn: today,
        dueOn: shiftDay(today, 14),
      });
      expect(final.status).toBe(201);
      expect(final.body.settles).toEqual([ids.prepayment]);
      ids.final = final.body.id;
      const issued = await invoice(ids.final, last);
      // the offer: 1 000.00 + 100.00 + 108.00 net, 240.00 + 9.00 + 25.92 VAT = 1 482.92
      // less the prepayment: 332.40 + 79.78 and 30.00 + 2.70 = 444.88
      expect(issued.lines.map((l) => [l.description, l.net, l.vat])).toEqual([
        ['Design', 100_000, 24_000],
        ['Books', 10_000, 900],
        ['Consulting', 10_800, 2_592],
        [`Prepayment invoice ${prepayment.body.number!}`, -33_240, -7_978],
        [`Prepayment invoice ${prepayment.body.number!}`, -3_000, -270],
      ]);
      expect(issued.totals).toEqual({ net: 84_560, vat: 19_244, gross: 103_804 });
      expect(issued.totals.gross).toBe(148_292 - 44_488);
      expect([issued.due, issued.outstanding, issued.status]).toEqual([103_804, 103_804, 'issued']);
      expect(issued.paymentReference).toMatch(/^\d{2,20}$/);
      expect((await invoice(ids.prepayment, last)).settledBy).toEqual({
        invoiceId: ids.final,
        number: final.body.number,
      });

      // settled once: another invoice naming it is refused, and appends nothing
      const head = await events.headPosition();
      const again = await c().post<Problem>('/invoices', {
        kind: 'standard',
        customerId: ids.lt,
        currency: 'EUR',
        issuedOn: today,
        dueOn: today,
        lines: [{ description: 'More', quantity: 1, unitPrice: 100_000, vatRate: 24 }],
        settles: [ids.prepayment],
      });
      expect([again.status, again.body.type]).toEqual([
        409,
        'urn:kroonika:problem:prepayment-settled',
      ]);
      expect(await events.headPosition()).toBe(head);
    });

    it('takes a bank transaction id as the payment id, refunds, then voids', async () => {
      const customer = await post('/customers', {
        kind: 'company',
        name: 'Õunaaed OÜ',
        registryCode: '10000001',
        email: 'arved@ounaaed.ee',
        address: { street: 'Aia 5', city: 'Tartu', postalCode: '50101', country: 'EE' },
      });
      ids.ee = customer.body.id;
      // 2 × 60.00 less 10 % = 108.00, VAT 24 % = 25.92: 133.92
      const issued = await post('/invoices', {
        kind: 'standard',
        customerId: ids.ee,
        currency: 'EUR',
        issuedOn: today,
        dueOn: shiftDay(today, 14),
        lines: [
          {
            description: 'Õunapuu',
            quantity: 2,
            unitPrice: 6_000,
            discountPercent: 10,
            vatRate: 24,
          },
        ],
      });
      ids.refunded = issued.body.id;
      const payment = { paymentId: 'bank-tx-0101', amount: 13_392, currency: 'EUR', paidOn: today };
      // Money moves on days that have come (two days on from UTC's today is ahead in any zone).
      const ahead = await c().post<Problem>(`/invoices/${ids.refunded}/payments`, {
        ...payment,
        paidOn: shiftDay(today, 2),
      });
      expect([ahead.status, ahead.body.type]).toEqual([409, 'urn:kroonika:problem:paid-in-future']);
      const first = await post(`/invoices/${ids.refunded}/payments`, payment);
      const repeat = await post(`/invoices/${ids.refunded}/payments`, payment);
      expect([first.status, repeat.status, repeat.body.revision]).toEqual([
        201,
        201,
        first.body.revision,
      ]);
      const blocked = await c().post<Problem>(`/invoices/${ids.refunded}/void`, {
        reason: 'Cancelled',
      });
      expect(blocked.body.type).toBe('urn:kroonika:problem:invoice-has-payments');
      const tooMuch = await c().post<Problem>(`/invoices/${ids.refunded}/refunds`, {
        amount: 13_393,
        currency: 'EUR',
        refundedOn: today,
        reason: 'Order cancelled',
      });
      expect([tooMuch.status, tooMuch.body.type]).toEqual([
        409,
        'urn:kroonika:problem:refund-exceeds-payments',
      ]);
      const early = await c().post<Problem>(`/invoices/${ids.refunded}/refunds`, {
        amount: 100,
        currency: 'EUR',
        refundedOn: shiftDay(today, 2),
        reason: 'Order cancelled',
      });
      expect([early.status, early.body.type]).toEqual([
        409,
        'urn:kroonika:problem:refunded-in-future',
      ]);
      const refund = await post(`/invoices/${ids.refunded}/refunds`, {
        refundId: 'bank-tx-0102',
        amount: 13_392,
        currency: 'EUR',
        refundedOn: today,
        reason: 'Order cancelled',
      });
      expect(refund.status).toBe(201);
      const refunded = await invoice(ids.refunded, last);
      expect([refunded.status, refunded.received, refunded.outstanding]).toEqual([
        'issued',
        0,
        13_392,
      ]);
      const voided = await post<Ids & { creditNoteNumber: string }>(
        `/invoices/${ids.refunded}/void`,
        { reason: 'Order cancelled' },
      );
      expect(voided.status).toBe(200);
      expect(voided.body.creditNoteNumber).toMatch(/^CN-\d{4}-\d{6}$/);
      expect((await invoice(ids.refunded, last)).status).toBe('void');
    });

    it('credits part of an invoice and moves the overpayment to another invoice', async () => {
      const issue = (lines: unknown[]) =>
        post('/invoices', {
          kind: 'standard',
          customerId: ids.ee,
          currency: 'EUR',
          issuedOn: today,
          dueOn: shiftDay(today, 14),
          lines,
        });
      const credited = await issue([
        { description: 'Puu', quantity: 10, unitPrice: 10_000, vatRate: 24 },
      ]);
      ids.credited = credited.body.id;
      ids.creditedNumber = credited.body.number!;
      const other = await issue([
        { description: 'Hooldus', quantity: 1, unitPrice: 10_000, vatRate: 24 },
      ]);
      ids.other = other.body.id;
      const note = await post<Ids & { creditNoteNumber: string }>(
        `/invoices/${ids.credited}/credit-notes`,
        { reason: 'Two trees died', lines: [{ line: 1, quantity: 2 }] },
      );
      expect(note.status).toBe(201);
      ids.creditNote = note.body.creditNoteNumber;
      const after = await invoice(ids.credited, last);
      expect([after.due, after.outstanding]).toEqual([124_000 - 24_800, 99_200]);
      await post(`/invoices/${ids.credited}/payments`, {
        paymentId: 'bank-tx-0201',
        amount: 100_000,
        currency: 'EUR',
        paidOn: today,
        allowOverpayment: true,
      });
      expect((await invoice(ids.credited, last)).overpaid).toBe(800);
      const moved = await post(`/invoices/${ids.credited}/transfers`, {
        toInvoiceId: ids.other,
        amount: 800,
      });
      expect(moved.status).toBe(201);
      const [source, target] = [await invoice(ids.credited, last), await invoice(ids.other, last)];
      expect([source.status, source.overpaid, source.outstanding]).toEqual(['paid', 0, 0]);
      expect([target.received, target.outstanding]).toEqual([800, 12_400 - 800]);
    });

    it('renders the invoice and a credit note as EN 16931 UBL with the mandatory terms', async () => {
      const ubl = await q().get<string>(`/invoices/${ids.final}/e-invoice`, last);
      expect(ubl.status).toBe(200);
      expect(ubl.headers.get('content-type')).toContain('application/xml');
      const doc = at(xml.parse(ubl.body), 'Invoice');
      expect(at(doc, 'CustomizationID')).toBe(
        'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
      );
      expect(at(doc, 'InvoiceTypeCode')).toBe('380');
      const supplier = at(doc, 'AccountingSupplierParty', 'Party');
      expect(at(supplier, 'PartyLegalEntity', 'RegistrationName')).toBe('Kroonika OÜ');
      expect(at(supplier, 'PartyTaxScheme', 'CompanyID')).toBe('EE100000001');
      const customer = at(doc, 'AccountingCustomerParty', 'Party');
      expect(at(customer, 'PartyLegalEntity', 'RegistrationName')).toBe(lithuanian);
      const subtotals = list(at(doc, 'TaxTotal', 'TaxSubtotal')).map((s) => [
        at(s, 'TaxCategory', 'Percent'),
        at(s, 'TaxableAmount', '#text'),
        at(s, 'TaxAmount', '#text'),
      ]);
      expect(subtotals).toEqual([
        ['24', '775.60', '186.14'],
        ['9', '70.00', '6.30'],
      ]);
      expect(
        ['LineExtensionAmount', 'TaxExclusiveAmount', 'TaxInclusiveAmount', 'PayableAmount'].map(
          (k) => at(doc, 'LegalMonetaryTotal', k, '#text'),
        ),
      ).toEqual(['845.60', '845.60', '1038.04', '1038.04']);
      const issued = await invoice(ids.final, last);
      const means = at(doc, 'PaymentMeans');
      expect(at(means, 'PaymentMeansCode')).toBe('58');
      expect(at(means, 'PaymentID')).toBe(issued.paymentReference);
      expect(at(means, 'PayeeFinancialAccount', 'ID')).toBe(iban);
      expect(at(means, 'PayeeFinancialAccount', 'FinancialInstitutionBranch', 'ID')).toBe(
        'HABAEE2X',
      );
      // settlement lines carry a negative quantity at a positive price
      expect(
        list(at(doc, 'InvoiceLine')).map((l) => [
          at(l, 'InvoicedQuantity', '#text'),
          at(l, 'Price', 'PriceAmount', '#text'),
        ]),
      ).toEqual([
        ['10', '100'],
        ['4', '25'],
        ['2', '54'],
        ['-1', '332.4'],
        ['-1', '30'],
      ]);

      const credit = await q().get<string>(
        `/invoices/${ids.credited}/credit-notes/${ids.creditNote}/e-invoice`,
        last,
      );
      expect(credit.status).toBe(200);
      const note = at(xml.parse(credit.body), 'CreditNote');
      expect(at(note, 'CreditNoteTypeCode')).toBe('381');
      expect(at(note, 'BillingReference', 'InvoiceDocumentReference', 'ID')).toBe(
        ids.creditedNumber,
      );
      expect(at(note, 'LegalMonetaryTotal', 'PayableAmount', '#text')).toBe('248.00');
      expect(at(note, 'CreditNoteLine', 'CreditedQuantity', '#text')).toBe('2');
      const missing = await q().get<Problem>(
        `/invoices/${ids.credited}/credit-notes/CN-1999-000001/e-invoice`,
      );
      expect([missing.status, missing.body.type]).toEqual([
        404,
        'urn:kroonika:problem:credit-note-not-found',
      ]);
    });

    it("prints the PDF in the customer's language with every letter of their name", async () => {
      const res = await fetch(`${service.url['query-api']}/invoices/${ids.final}/pdf`, {
        headers: { authorization: `Bearer ${service.admin.token}`, 'x-min-position': String(last) },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/pdf');
      const issued = await invoice(ids.final, last);
      const text = pdfText(new Uint8Array(await res.arrayBuffer())).join('\n');
      expect(text).toContain(lithuanian);
      expect(text).toContain(`Sąskaita faktūra ${issued.number}`);
      expect(text).toContain(issued.paymentReference);
      expect(text).toContain(iban);
      expect(text).toContain('Įskaitytas išankstinis apmokėjimas');
      expect(text.replace(/\s/g, '')).toContain('1038,04€');
      expect(text).not.toContain('?');

      const notANumber = await q().get<Problem>(
        `/invoices/${ids.refunded}/credit-notes/not-a-number/pdf`,
      );
      expect([notANumber.status, notANumber.body.type]).toEqual([
        400,
        'urn:kroonika:problem:invalid-input',
      ]);
      const unknown = await q().get<Problem>(
        '/invoices/00000000-0000-4000-8000-000000000000/e-invoice',
      );
      expect([unknown.status, unknown.body.type]).toEqual([
        404,
        'urn:kroonika:problem:invoice-not-found',
      ]);
      const other = await fetch(`${service.url['query-api']}/invoices/${ids.credited}/pdf`, {
        headers: { authorization: `Bearer ${service.admin.token}` },
      });
      const page = pdfText(new Uint8Array(await other.arrayBuffer())).join('\n');
      expect(page).toContain('Arve');
      expect(page).toContain('Õunaaed OÜ');
      expect(page).toContain('Viitenumber');
    });

    it('imports a camt.053 statement: matches by reference and by payer, keeps the rest, once', async () => {
      const final = await invoice(ids.final, last);
      const named = await post('/invoices', {
        kind: 'standard',
        customerId: ids.ee,
        currency: 'EUR',
        issuedOn: today,
        dueOn: shiftDay(today, 14),
        lines: [{ description: 'Kast', quantity: 1, unitPrice: 5_000, vatRate: 0 }],
      });
      ids.named = named.body.id;
      const values = {
        MSG_ID: 'MSG-1',
        STATEMENT_ID: 'STMT-2026-001',
        DAY: today,
        IBAN: iban,
        CURRENCY: 'EUR',
        REFERENCE: final.paymentReference,
        REFERENCED_AMOUNT: decimal(final.outstanding),
        REFERENCED_PAYER: lithuanian,
        NAMED_AMOUNT: '50.00',
        NAMED_PAYER: 'OU OUNAAED',
      };
      const asXml = { 'content-type': 'application/xml' };
      const head = await events.headPosition();
      const refusals: [string, number, string][] = [
        ['<Document><Unclosed></Document>', 400, 'malformed-xml'],
        [fill(values).replace('camt.053.001.02', 'pain.001.001.03'), 400, 'unsupported-statement'],
        [fill({ ...values, IBAN: 'LT601010012345678901' }), 409, 'unknown-account'],
        [fill({ ...values, CURRENCY: 'USD' }), 409, 'statement-currency'],
      ];
      for (const [body, status, type] of refusals) {
        const refused = await c().post<Problem>('/bank-statements', body, asXml);
        expect([refused.status, refused.body.type]).toEqual([
          status,
          `urn:kroonika:problem:${type}`,
        ]);
      }
      const json = await c().post<Problem>('/bank-statements', { xml: 'no' });
      expect(json.status).toBe(415);
      expect(await events.headPosition()).toBe(head);

      const imported = await post<Statement>('/bank-statements', fill(values), asXml);
      expect(imported.status).toBe(201);
      expect(imported.body).toMatchObject({
        status: 'imported',
        matched: 2,
        unmatched: 1,
        duplicate: 1,
        ignored: 1,
        ambiguous: 0,
      });
      const paid = await invoice(ids.final, last);
      expect([paid.status, paid.outstanding]).toEqual(['paid', 0]);
      expect(paid.payments).toEqual([
        expect.objectContaining({ paymentId: 'bank-tx-0001', amount: final.outstanding }),
      ]);
      expect((await invoice(ids.named, last)).status).toBe('paid');
      // the payment was caused by the statement's event
      const [statementEvent] = await events.readStream(`bankStatement-${imported.body.id}`);
      const payments = await events.readStream(`invoice-${ids.final}`);
      expect(payments.at(-1)?.metadata.causationId).toBe(statementEvent!.eventId);

      const headAfter = await events.headPosition();
      const again = await post<Statement>('/bank-statements', fill(values), asXml);
      expect([again.status, again.body.status, again.body.id]).toEqual([
        200,
        'already-imported',
        imported.body.id,
      ]);
      expect(await events.headPosition()).toBe(headAfter);

      type Review = {
        counts: Record<string, number>;
        open: number;
        lines: { entryId: string; match: { status: string }; assigned?: { invoiceId: string } }[];
      };
      const review = await q().get<Review>(`/bank-statements/${imported.body.id}`, last);
      expect(review.body.lines.map((l) => [l.entryId, l.match.status])).toEqual([
        ['bank-tx-0001', 'matched'],
        ['bank-tx-0002', 'matched'],
        ['bank-tx-0003', 'unmatched'],
        ['bank-tx-0001', 'duplicate'],
        ['bank-fee-0001', 'ignored'],
      ]);
      const assigned = await post(
        `/bank-statements/${imported.body.id}/entries/bank-tx-0003/assign`,
        { invoiceId: ids.other },
      );
      expect(assigned.status).toBe(200);
      const reviewed = await q().get<Review>(`/bank-statements/${imported.body.id}`, last);
      expect([reviewed.body.open, reviewed.body.counts['assigned']]).toEqual([0, 1]);
      // The list answers each statement as the read does, without the projector's bookkeeping.
      const listed = await q().get<{ items: Record<string, unknown>[] }>('/bank-statements', last);
      const item = listed.body.items.find((i) => i['statementId'] === imported.body.id)!;
      expect(Object.keys(item).filter((k) => k.startsWith('_'))).toEqual([]);
      expect((await invoice(ids.other, last)).received).toBe(800 + 12_345);
    });

    it('reports revenue once: no prepayment, credit notes negative, refunds off what was paid', async () => {
      type Report = {
        categories: {
          category: string;
          current: {
            invoiced: Record<string, number>;
            paid: Record<string, number>;
            topProducts: { byRevenue: Record<string, { name: string }[]> };
          };
        }[];
      };
      const report = await q().get<Report>(`/reports/categories?period=${today.slice(0, 7)}`, last);
      const figures = report.body.categories.find((g) => g.category === 'uncategorised')!.current;
      // the final invoice's sale 1 208.00; Õunapuu 108.00 voided; Puu 1 000.00 less 200.00
      // credited; Hooldus 100.00; Kast 50.00
      expect(figures.invoiced).toEqual({ EUR: 120_800 + 0 + 80_000 + 10_000 + 5_000 });
      // prepayment 444.88 + 133.92 refunded in full + 1 000.00 + statement 1 038.04, 50.00, 123.45
      expect(figures.paid).toEqual({ EUR: 44_488 + 100_000 + 103_804 + 5_000 + 12_345 });
      expect(figures.topProducts.byRevenue['EUR']!.map((p) => p.name)).not.toContain(
        'Ettemaks 30%',
      );
      expect(figures.topProducts.byRevenue['EUR']!.map((p) => p.name)).toContain('Design');
    });
  },
);
