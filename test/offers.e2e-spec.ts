import { randomUUID } from 'node:crypto';
import { pdfText } from '../libs/documents/src/testing';
import { todayIn } from '../libs/platform/src/today';
import { commands, type Ids, queries, serviceWithLog } from './support/service';
import { shiftDay } from './support/days';

type Problem = { type: string; detail?: string };
type Offer = {
  offerId: string;
  status: string;
  version: number;
  lines: { description: string; discountPercent?: number; net: number }[];
};
type Board = { stages: { cards: { dealId: string; value: { amount: number } }[] }[] };

describe('deals and offers over HTTP', () => {
  const suite = serviceWithLog();

  it('keeps every offer and price proposed, accepts only the current version while valid', async () => {
    const { service, store } = suite;
    const c = commands(service);
    const today = todayIn('UTC', new Date())!;
    const pipeline = await c.post<Ids>('/pipelines', {
      name: 'Sales',
      stages: [{ name: 'Offer' }],
    });
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Pakkumine OÜ' });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'CRM roll-out',
      value: { amount: 1_000_000, currency: 'EUR' },
    });
    const dealId = deal.body.id;
    const offer = {
      lines: [
        {
          kind: 'product',
          description: 'Licence',
          quantity: 20,
          unitPrice: 40_000,
          discountPercent: 5,
          vatRate: 24,
        },
        { kind: 'service', description: 'Training', quantity: 2, unitPrice: 60_000, vatRate: 24 },
      ],
      currency: 'EUR',
      terms: 'Payment 14 days net',
      validUntil: shiftDay(today, 14),
    };
    const made = await c.post<Ids>(`/deals/${dealId}/offers`, offer);
    expect(made.status).toBe(201);
    const offerId = made.body.offerId!;
    const revised = await c.post<Ids>(`/deals/${dealId}/offers/${offerId}/revise`, {
      ...offer,
      lines: [{ ...offer.lines[0], discountPercent: 10 }, offer.lines[1]],
    });
    expect(revised.status).toBe(200);

    const superseded = await c.post<Problem>(`/deals/${dealId}/offers/${offerId}/accept`, {
      version: 1,
    });
    expect([superseded.status, superseded.body.type]).toEqual([
      409,
      'urn:kroonika:problem:offer-superseded',
    ]);
    const beyond = await c.post<Problem>(`/deals/${dealId}/offers/${offerId}/accept`, {
      version: 2e21,
    });
    expect([beyond.status, beyond.body.type]).toEqual([400, 'urn:kroonika:problem:invalid-input']);
    const early = await c.post<Problem>(`/deals/${dealId}/offers/${offerId}/expire`);
    expect([early.status, early.body.type]).toEqual([
      409,
      'urn:kroonika:problem:offer-still-valid',
    ]);
    const accepted = await c.post<Ids>(`/deals/${dealId}/offers/${offerId}/accept`, { version: 2 });
    expect(accepted.status).toBe(200);
    const again = await c.post<Problem>(`/deals/${dealId}/offers/${offerId}/revise`, offer);
    expect([again.status, again.body.type]).toEqual([409, 'urn:kroonika:problem:offer-accepted']);

    const second = await c.post<Ids>(`/deals/${dealId}/offers`, {
      ...offer,
      lines: [offer.lines[1]],
    });
    expect(
      (
        await c.post(`/deals/${dealId}/offers/${second.body.offerId!}/reject`, {
          reason: 'not needed',
        })
      ).status,
    ).toBe(200);
    const value = await c.post<Ids>(`/deals/${dealId}/value`, {
      value: { amount: 900_000, currency: 'EUR' },
      reason: 'fewer seats',
    });
    expect(value.status).toBe(200);

    const history = (await store.readStream(`deal-${dealId}`)).map((e) => e.type);
    expect(history).toEqual([
      'DealOpened',
      'OfferMade',
      'OfferRevised',
      'OfferAccepted',
      'DealValueChanged',
      'OfferMade',
      'OfferRejected',
      'DealValueChanged',
    ]);
    const q = queries(service);
    const timeline = await q.get<{ items: { summary: string }[] }>(
      `/customers/${customer.body.id}/timeline?group=sales&limit=50`,
      value.body.position,
    );
    expect(timeline.body.items.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        `Offer made: 2 line(s), 8800.00 EUR + VAT, valid until ${offer.validUntil}`,
        `Offer revised (version 2): 8400.00 EUR + VAT, valid until ${offer.validUntil}`,
        'Offer accepted (version 2): 10416.00 EUR',
        'Deal value changed from 10000.00 EUR to 8400.00 EUR: offer ' + offerId + ' v2 accepted',
        'Offer rejected (version 1): not needed',
        'Deal value changed from 8400.00 EUR to 9000.00 EUR: fewer seats',
      ]),
    );
    const board = await q.get<Board>(`/pipelines/${pipeline.body.id}/board?tz=UTC`);
    expect(board.body.stages[0]!.cards.find((d) => d.dealId === dealId)!.value.amount).toBe(
      900_000,
    );

    // Both offers are read as their current version proposes them, the rejected one too.
    const listed = await q.get<{ items: Offer[] }>(`/offers?dealId=${dealId}`, value.body.position);
    expect(listed.body.items.map((o) => [o.offerId, o.status, o.version])).toEqual([
      [second.body.offerId, 'rejected', 1],
      [offerId, 'accepted', 2],
    ]);
    const one = await q.get<Offer>(`/offers/${offerId}`, value.body.position);
    expect(one.body).toMatchObject({
      offerId,
      dealId,
      customerId: customer.body.id,
      version: 2,
      status: 'accepted',
      terms: 'Payment 14 days net',
      validUntil: offer.validUntil,
      totals: { net: 840_000, vat: 201_600, gross: 1_041_600 },
    });
    expect(one.body.lines.map((l) => [l.description, l.discountPercent, l.net])).toEqual([
      ['Licence', 10, 720_000],
      ['Training', 0, 120_000],
    ]);
    const rejected = await q.get<Offer>(`/offers?customerId=${customer.body.id}&status=rejected`);
    expect(rejected.body).toMatchObject({
      items: [{ offerId: second.body.offerId, rejectReason: 'not needed' }],
    });
    const pdf = await fetch(`${service.url['query-api']}/offers/${offerId}/pdf`, {
      headers: { authorization: `Bearer ${service.admin.token}` },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(pdf.headers.get('content-disposition')).toMatch(
      /^inline; filename="offer-[0-9A-F]{8}-2\.pdf"$/,
    );
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer())).join('\n');
    for (const printed of ['Offer: CRM roll-out', 'Pakkumine OÜ', 'Licence', 'Payment 14 days net'])
      expect(text).toContain(printed);
    const missing = await q.get<Problem>(`/offers/${randomUUID()}/pdf`);
    expect([missing.status, missing.body.type]).toEqual([
      404,
      'urn:kroonika:problem:offer-not-found',
    ]);
  });

  it('refuses invalid offers with 400 and past validity with 409, appending nothing', async () => {
    const { service, store } = suite;
    const c = commands(service);
    const pipeline = await c.post<Ids>('/pipelines', { name: 'S2', stages: [{ name: 'A' }] });
    const customer = await c.post<Ids>('/customers', { kind: 'person', name: 'Mari' });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'D',
      value: { amount: 1, currency: 'EUR' },
    });
    const before = await store.headPosition();
    const line = { kind: 'product', description: 'X', quantity: 1, unitPrice: 100, vatRate: 24 };
    for (const body of [
      { lines: [], currency: 'EUR', validUntil: '2030-01-01' },
      { lines: [{ ...line, kind: 'gift' }], currency: 'EUR', validUntil: '2030-01-01' },
      { lines: [{ ...line, unitPrice: -1 }], currency: 'EUR', validUntil: '2030-01-01' },
      { lines: [line], currency: 'euro', validUntil: '2030-01-01' },
      { lines: [line], currency: 'EUR', validUntil: '2030-02-30' },
    ])
      expect((await c.post(`/deals/${deal.body.id}/offers`, body)).status).toBe(400);
    const past = await c.post<Problem>(`/deals/${deal.body.id}/offers`, {
      lines: [line],
      currency: 'EUR',
      validUntil: '2020-01-01',
    });
    expect([past.status, past.body.type]).toEqual([409, 'urn:kroonika:problem:valid-until-past']);
    expect(await store.headPosition()).toBe(before);
  });
});
