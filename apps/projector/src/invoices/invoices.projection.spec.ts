import { type Event } from '#events';
import {
  collections,
  type InvoiceDoc,
  type InvoiceDueDoc,
  invoicePart,
  invoiceScope,
  invoiceStatusRank,
  invoiceTotals,
  invoiceTotalsFields,
  type InvoiceTotalsDoc,
  keptInvoiceTotals,
  keptOverdueTotals,
  owingRanks,
  pastDue,
} from '#read-models';
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

describe('invoices projection: totals kept as invoices change', () => {
  /** A small generator with a seed, so a failing history can be replayed. */
  const random = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };

  /**
   * Drafts, issues (some of nothing), payments, refunds, moves, credit notes, settlements and
   * voids across two customers.
   */
  const history = (seed: number): Event[] => {
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const events: Event[] = [];
    const invoices: { id: string; customerId: string; currency: string; gross: number }[] = [];
    for (let n = 0; n < 120; n++) {
      const roll = next();
      const at = new Date(Date.UTC(2026, 2, 1) + n * 3_600_000).toISOString();
      if (roll < 0.3 || invoices.length === 0) {
        const id = `i${n}`;
        const customerId = pick(['c1', 'c2']);
        const currency = pick(['EUR', 'USD']);
        // Now and then an invoice of nothing: owed in status, with nothing outstanding.
        const gross = 1_000 * Math.floor(next() * 20);
        const content = {
          kind: pick(['standard', 'prepayment'] as const),
          customerId,
          currency,
          lines: [{ ...line, gross }],
          totals: { net: gross, vat: 0, gross },
        };
        if (next() < 0.3) {
          events.push({
            type: 'InvoiceDrafted',
            data: { invoiceId: id, draftedAt: at, ...content },
          });
          if (next() < 0.3) {
            events.push({
              type: 'InvoiceDraftDiscarded',
              data: { invoiceId: id, customerId, discardedAt: at },
            });
            continue;
          }
        }
        events.push({
          type: 'InvoiceIssued',
          data: {
            invoiceId: id,
            number: `2026-${n}`,
            ...content,
            issuedOn: at.slice(0, 10),
            dueOn: pick(['2026-03-05', '2026-03-20', '2026-04-10']),
            issuedAt: at,
          },
        });
        invoices.push({ id, customerId, currency, gross });
        continue;
      }
      const { id, customerId, currency, gross } = pick(invoices);
      const amount = 100 * (1 + Math.floor(next() * (gross / 100)));
      const ref = { invoiceId: id, customerId };
      if (roll < 0.6)
        events.push({
          type: 'PaymentRecorded',
          data: {
            ...ref,
            paymentId: `p${n}`,
            amount,
            currency,
            paidOn: at.slice(0, 10),
            outstanding: 0,
            overpaid: 0,
            recordedAt: at,
          },
        });
      else if (roll < 0.7)
        events.push({
          type: 'RefundRecorded',
          data: {
            ...ref,
            refundId: `r${n}`,
            amount,
            currency,
            refundedOn: at.slice(0, 10),
            reason: 'Returned',
            recordedAt: at,
          },
        });
      else if (roll < 0.8)
        events.push({
          type: 'PaymentTransferred',
          data: {
            ...ref,
            transferId: `t${n}`,
            amount,
            currency,
            toInvoiceId: pick(invoices).id,
            toNumber: '2026-x',
            transferredAt: at,
          },
        });
      else if (roll < 0.9)
        events.push({
          type: 'CreditNoteIssued',
          data: {
            ...ref,
            number: '2026-x',
            creditNoteId: `cn${n}`,
            currency,
            creditNote: {
              number: `CN-${n}`,
              issuedOn: at.slice(0, 10),
              lines: [],
              totals: { net: -amount, vat: 0, gross: -amount },
            },
            creditedLines: [],
            reason: 'Returned',
            issuedAt: at,
          },
        });
      else if (roll < 0.92)
        events.push({
          type: 'PrepaymentSettled',
          data: {
            ...ref,
            number: '2026-x',
            settledBy: { invoiceId: pick(invoices).id, number: '2026-y' },
            settledAt: at,
          },
        });
      else if (roll < 0.95)
        events.push({
          type: 'InvoiceSent',
          data: {
            ...ref,
            number: '2026-x',
            channel: 'email',
            recipient: 'a@b.ee',
            sentAt: at,
          },
        });
      else
        events.push({
          type: 'InvoiceVoided',
          data: {
            ...ref,
            number: '2026-x',
            reason: 'Wrong customer',
            creditNote: {
              number: `CN-${n}`,
              issuedOn: at.slice(0, 10),
              lines: [],
              totals: { net: -gross, vat: 0, gross: -gross },
            },
            voidedAt: at,
          },
        });
    }
    return events;
  };

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'given the history of seed %i, then the totals kept for all invoices and for each customer are those summed from the invoices, on any day, replay-safe',
    async (seed) => {
      const events = storedEvents(history(seed));
      const invoices = (await projectAll(invoicesProjection, events, collections.invoices))
        .once as unknown as InvoiceDoc[];
      const kept = (await projectAll(invoicesProjection, events, collections.invoiceTotals))
        .once as unknown as (InvoiceTotalsDoc & Partial<InvoiceDueDoc>)[];
      const parts: [string, (i: InvoiceDoc) => boolean][] = [
        [invoicePart(), () => true],
        ...Object.values(invoiceStatusRank).map(
          (statusRank): [string, (i: InvoiceDoc) => boolean] => [
            invoicePart({ statusRank }),
            (i) => i.statusRank === statusRank,
          ],
        ),
        ...(['standard', 'prepayment'] as const).flatMap(
          (kind): [string, (i: InvoiceDoc) => boolean][] => [
            [invoicePart({ kind }), (i) => i.kind === kind],
            ...Object.values(invoiceStatusRank).map(
              (statusRank): [string, (i: InvoiceDoc) => boolean] => [
                invoicePart({ statusRank, kind }),
                (i) => i.kind === kind && i.statusRank === statusRank,
              ],
            ),
          ],
        ),
      ];
      // the ledger sums a span of issue days from these fields of each invoice alone
      const read = invoices.map((i) => {
        const doc: Record<string, unknown> = { _id: i._id };
        for (const field of invoiceTotalsFields) {
          const [top, inner] = field.split('.') as [keyof InvoiceDoc, string?];
          const value = i[top] as Record<string, unknown> | undefined;
          if (value === undefined) continue;
          doc[top] =
            inner === undefined ? value : { ...(doc[top] as object), [inner]: value[inner] };
        }
        return doc as unknown as InvoiceDoc;
      });
      for (const today of ['2026-03-10', '2026-05-01'])
        expect(invoiceTotals(read, today)).toEqual(invoiceTotals(invoices, today));
      // an invoice is marked owing, for the overdue list's index, exactly in an owing status
      expect(invoices.map((i) => [i._id, i.owing])).toEqual(
        invoices.map((i) => [i._id, owingRanks.includes(i.statusRank)]),
      );
      for (const customerId of [undefined, 'c1', 'c2']) {
        const scope = invoiceScope(customerId);
        const mine = invoices.filter(
          (i) => customerId === undefined || i.customerId === customerId,
        );
        const due = kept.filter((d): d is InvoiceDueDoc => d.scope === scope);
        const totals = kept.find((d) => d._id === scope);
        for (const [part, holds] of parts)
          for (const today of ['2026-03-01', '2026-03-10', '2026-03-25', '2026-05-01']) {
            expect([part, today, keptInvoiceTotals(totals, due, today, part)]).toEqual([
              part,
              today,
              invoiceTotals(mine.filter(holds), today),
            ]);
            const overdue = mine.filter(
              (i) => holds(i) && owingRanks.includes(i.statusRank) && pastDue(i, today),
            );
            expect([part, today, 'overdue', keptOverdueTotals(due, today, part)]).toEqual([
              part,
              today,
              'overdue',
              invoiceTotals(overdue, today),
            ]);
          }
        const lastPaidOn = mine
          .map((i) => i.lastPaidOn)
          .filter((d) => d !== undefined)
          .sort()
          .at(-1);
        expect(totals?.lastPaidOn).toEqual(lastPaidOn);
      }
    },
  );
});
