import { readStoreTargets, serviceOn } from './support/read-stores';
import { commands, type Ids, queries } from './support/service';
import { day } from './support/days';

type Line = {
  description: string;
  quantity: number;
  unitPrice: number;
  vatRate: number;
  net: number;
  productCode?: string;
  kind?: string;
  unit?: string;
};
type Product = {
  productCode: string;
  name: string;
  status: string;
  prices: { currency: string; unitPrice: number }[];
  sold: { currency: string; quantity: number; net: number }[];
  priceChanges?: { currency: string; unitPrice: number | null; previousUnitPrice: number | null }[];
};
type Problem = { type: string; detail: string };

describe.each(readStoreTargets())('the product catalogue, on $name', (target) => {
  const suite = serviceOn(target);

  it('keeps products and services with prices; offer and invoice lines name them and take their text, price and VAT rate', async () => {
    const { service } = suite;
    const manager = await service.staff('Maria Kataloog', ['manager']);
    const seller = await service.staff('Sander Müük', ['sales']);
    const m = commands(service, manager);
    const c = commands(service, seller);
    const q = queries(service, seller);

    // The catalogue is a manager's to keep; a code is kept upper case and names its entry for good.
    const hooldus = {
      productCode: 'srv-hooldus',
      name: 'Hooldustöö',
      kind: 'service',
      unit: 'h',
      vatRate: 24,
      prices: [{ currency: 'EUR', unitPrice: 6_500 }],
    };
    expect((await c.post('/products', hooldus)).status).toBe(403);
    const added = await m.post<Ids>('/products', hooldus);
    expect([added.status, added.body.id]).toEqual([201, 'SRV-HOOLDUS']);
    const again = await m.post<Problem>('/products', { ...hooldus, productCode: 'SRV-Hooldus' });
    expect([again.status, again.body.type]).toEqual([
      409,
      expect.stringContaining('product-exists'),
    ]);
    await m.post('/products', {
      productCode: 'PUMP-10',
      name: 'Soojuspump 10 kW',
      kind: 'product',
      unit: 'pcs',
      vatRate: 24,
      prices: [
        { currency: 'EUR', unitPrice: 450_000 },
        { currency: 'SEK', unitPrice: 5_100_000 },
      ],
    });

    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Kataloog OÜ' });
    const pipeline = await m.post<Ids>('/pipelines', {
      name: 'Müük',
      stages: [{ name: 'Pakkumine' }],
    });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'Soojuspump',
      value: { amount: 500_000, currency: 'EUR' },
    });
    const offerTo = `/deals/${deal.body.id}/offers`;
    const offer = await c.post<Ids>(offerTo, {
      currency: 'EUR',
      validUntil: day(30),
      lines: [
        { productCode: 'pump-10', quantity: 1 },
        // a price agreed with this customer, and a text of its own
        { productCode: 'SRV-HOOLDUS', quantity: 4, unitPrice: 6_000, description: 'Paigaldus' },
        {
          kind: 'service',
          description: 'Transport',
          quantity: 1,
          unit: 'trip',
          unitPrice: 5_000,
          vatRate: 24,
        },
      ],
    });
    expect(offer.status).toBe(201);
    const made = await q.get<{ lines: Line[] }>(
      `/offers/${offer.body.offerId}`,
      offer.body.position,
    );
    expect(made.body.lines).toEqual([
      expect.objectContaining({
        productCode: 'PUMP-10',
        description: 'Soojuspump 10 kW',
        kind: 'product',
        quantity: 1,
        unit: 'pcs',
        unitPrice: 450_000,
        vatRate: 24,
        net: 450_000,
      }),
      expect.objectContaining({
        productCode: 'SRV-HOOLDUS',
        description: 'Paigaldus',
        kind: 'service',
        unit: 'h',
        unitPrice: 6_000,
        net: 24_000,
      }),
      expect.objectContaining({ description: 'Transport', unit: 'trip' }),
    ]);

    // Refused, and nothing appended: no price in the currency, a code not in the catalogue,
    // a line that names no product and leaves its price out.
    const before = offer.body.position;
    const unpriced = await c.post<Problem>(offerTo, {
      currency: 'SEK',
      validUntil: day(30),
      lines: [{ productCode: 'SRV-HOOLDUS', quantity: 1 }],
    });
    expect([unpriced.status, unpriced.body.type]).toEqual([
      409,
      expect.stringContaining('product-not-priced'),
    ]);
    const unknown = await c.post<Problem>(offerTo, {
      currency: 'EUR',
      validUntil: day(30),
      lines: [{ productCode: 'NO-SUCH', quantity: 1 }],
    });
    expect([unknown.status, unknown.body.type]).toEqual([
      404,
      expect.stringContaining('product-not-found'),
    ]);
    const bare = await c.post<Problem>(offerTo, {
      currency: 'EUR',
      validUntil: day(30),
      lines: [{ kind: 'service', description: 'Midagi', quantity: 1, vatRate: 24 }],
    });
    expect(bare.status).toBe(400);
    const offers = await q.get<{ items: unknown[] }>(`/offers?dealId=${deal.body.id}`, before);
    expect(offers.body.items).toHaveLength(1);

    // A new price applies to lines made from now on; the offer keeps the one it was made with.
    const priced = await m.post<Ids>('/products/srv-hooldus/prices', {
      currency: 'EUR',
      unitPrice: 7_000,
    });
    expect(priced.status).toBe(200);

    // A change of details names at least one: an empty one is refused before the product or the
    // revision it is sent against is looked at, and records nothing.
    for (const code of ['srv-hooldus', 'NO-SUCH'])
      for (const revision of ['0', String(priced.body.revision)]) {
        const empty = await m.post<Problem & { errors: unknown }>(
          `/products/${code}/details`,
          {},
          { 'if-match': revision },
        );
        expect([empty.status, empty.body.errors]).toEqual([
          400,
          [
            {
              field: 'name',
              messages: ['Send at least one of name, kind, unit, vatRate or description'],
            },
          ],
        ]);
      }
    const unchanged = await m.post<Ids>(
      '/products/srv-hooldus/details',
      { name: 'Hooldustöö' },
      { 'if-match': String(priced.body.revision) },
    );
    expect([unchanged.status, unchanged.body.revision]).toEqual([200, priced.body.revision]);
    const invoice = await c.post<Ids>('/invoices', {
      kind: 'standard',
      customerId: customer.body.id,
      currency: 'EUR',
      issuedOn: day(0),
      dueOn: day(14),
      lines: [
        { productCode: 'SRV-HOOLDUS', quantity: 2.5 },
        { productCode: 'PUMP-10', quantity: 2 },
      ],
    });
    expect(invoice.status).toBe(201);
    const issued = await q.get<{ lines: Line[] }>(
      `/invoices/${invoice.body.id}`,
      invoice.body.position,
    );
    expect(
      issued.body.lines.map((l) => [l.productCode, l.description, l.unit, l.unitPrice, l.net]),
    ).toEqual([
      ['SRV-HOOLDUS', 'Hooldustöö', 'h', 7_000, 17_500],
      ['PUMP-10', 'Soojuspump 10 kW', 'pcs', 450_000, 900_000],
    ]);
    expect(issued.body.lines[0]).not.toHaveProperty('kind');
    const kept = await q.get<{ lines: Line[] }>(`/offers/${offer.body.offerId}`);
    expect(kept.body.lines[1]!.unitPrice).toBe(6_000);

    // A credit note takes off what it credits; the product shows what was sold and its prices.
    const note = await c.post<Ids>(`/invoices/${invoice.body.id}/credit-notes`, {
      reason: 'Üks pump tagastati',
      lines: [{ line: 2, quantity: 1 }],
    });
    expect(note.status).toBe(201);
    const pump = await q.get<Product>('/products/pump-10', note.body.position);
    expect(pump.body.sold).toEqual([{ currency: 'EUR', quantity: 1, net: 450_000 }]);
    const service_ = await q.get<Product>('/products/SRV-HOOLDUS');
    expect(service_.body).toMatchObject({
      name: 'Hooldustöö',
      prices: [{ currency: 'EUR', unitPrice: 7_000 }],
      sold: [{ currency: 'EUR', quantity: 2.5, net: 17_500 }],
      priceChanges: [{ currency: 'EUR', unitPrice: 7_000, previousUnitPrice: 6_500 }],
    });

    // Retired, it is named on no new line; restored, it is again.
    const retired = await m.post<Ids>('/products/SRV-HOOLDUS/retire', { reason: 'Ei paku enam' });
    const refused = await c.post<Problem>(offerTo, {
      currency: 'EUR',
      validUntil: day(30),
      lines: [{ productCode: 'SRV-HOOLDUS', quantity: 1 }],
    });
    expect([refused.status, refused.body.type]).toEqual([
      409,
      expect.stringContaining('product-retired'),
    ]);
    const active = await q.get<{ items: Product[] }>(
      '/products?status=active',
      retired.body.position,
    );
    expect(active.body.items.map((p) => p.productCode)).toEqual(['PUMP-10']);
    const byCode = await q.get<{ items: Product[] }>('/products?code=srv');
    expect(byCode.body.items.map((p) => [p.productCode, p.status])).toEqual([
      ['SRV-HOOLDUS', 'retired'],
    ]);
    const byName = await q.get<{ items: Product[] }>('/products?q=HOOLDUSTOO');
    expect(byName.body.items.map((p) => p.productCode)).toEqual(['SRV-HOOLDUS']);
    const byPart = await q.get<{ items: Product[] }>('/products?q=10&kind=product');
    expect(byPart.body.items.map((p) => p.productCode)).toEqual(['PUMP-10']);
    await m.post('/products/SRV-HOOLDUS/restore');
    const revised = await c.post(`/deals/${deal.body.id}/offers/${offer.body.offerId}/revise`, {
      currency: 'EUR',
      validUntil: day(30),
      lines: [{ productCode: 'SRV-HOOLDUS', quantity: 1 }],
    });
    expect(revised.status).toBe(200);

    // Accepted, the offer's lines go onto the deal's invoice with their codes; a draft's too.
    const accepted = await c.post<Ids>(
      `/deals/${deal.body.id}/offers/${offer.body.offerId}/accept`,
    );
    expect(accepted.status).toBe(200);
    const final = await c.post<Ids>('/invoices', {
      kind: 'standard',
      customerId: customer.body.id,
      dealId: deal.body.id,
      currency: 'EUR',
      issuedOn: day(0),
      dueOn: day(14),
    });
    const copied = await q.get<{ lines: Line[] }>(
      `/invoices/${final.body.id}`,
      final.body.position,
    );
    expect(copied.body.lines.map((l) => [l.productCode, l.unitPrice])).toEqual([
      ['SRV-HOOLDUS', 7_000],
    ]);
    const draft = await c.post<Ids>('/invoices/drafts', {
      kind: 'standard',
      customerId: customer.body.id,
      currency: 'EUR',
      lines: [{ productCode: 'pump-10', quantity: 1, discountPercent: 5 }],
    });
    const fromDraft = await c.post<Ids>(`/invoices/${draft.body.id}/issue`, {
      issuedOn: day(0),
      dueOn: day(14),
    });
    expect(fromDraft.status).toBe(200);
    const drafted = await q.get<{ lines: Line[] }>(
      `/invoices/${draft.body.id}`,
      fromDraft.body.position,
    );
    expect(drafted.body.lines.map((l) => [l.productCode, l.net])).toEqual([['PUMP-10', 427_500]]);
    const sold = await q.get<Product>('/products/PUMP-10', fromDraft.body.position);
    expect(sold.body.sold).toEqual([{ currency: 'EUR', quantity: 2, net: 877_500 }]);

    // A code may hold `.` and `_`: its stream's chain is verified as any other.
    const dotted = await m.post<Ids>('/products', { ...hooldus, productCode: 'srv_x.2' });
    expect(dotted.body.id).toBe('SRV_X.2');
    const chain = await queries(service).get<{ ok: boolean; checked: number }>(
      '/audit/streams/product-SRV_X.2/verify',
      dotted.body.position,
    );
    expect([chain.status, chain.body.ok, chain.body.checked]).toEqual([200, true, 1]);

    const missing = await q.get<Problem>('/products/NOPE');
    expect([missing.status, missing.body.type]).toEqual([
      404,
      expect.stringContaining('product-not-found'),
    ]);
  });
});
