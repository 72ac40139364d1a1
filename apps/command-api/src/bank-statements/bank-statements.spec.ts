import { MemoryEventStore } from '#event-store';
import { type InvoiceIssued } from '#events';
import { type BankStatement } from '#platform';
import { type InvoiceLookup } from '../invoices/invoice-lookup';
import { ImportBankStatementCommand, ImportBankStatementHandler } from './bank-statements';
import { AggregateRepository } from '#commands';
import { adminMeta } from '../command-handling/testing';

const now = '2026-12-04T09:00:00.000Z';
const account = 'EE382200221020145685';
const meta = adminMeta(now);

const issued = (invoiceId: string, reference: string): InvoiceIssued => ({
  type: 'InvoiceIssued',
  data: {
    invoiceId,
    number: `2026-00000${invoiceId.slice(-1)}`,
    kind: 'standard',
    customerId: 'c1',
    currency: 'EUR',
    issuedOn: '2026-12-01',
    dueOn: '2026-12-15',
    lines: [
      {
        description: 'Training',
        quantity: 1,
        unitPrice: 100_000,
        discountPercent: 0,
        vatRate: 24,
        net: 100_000,
        vat: 24_000,
        gross: 124_000,
      },
    ],
    totals: { net: 100_000, vat: 24_000, gross: 124_000 },
    paymentReference: reference,
    issuedAt: now,
  },
});

/** A statement paying both invoices by their references. */
const statement: BankStatement = {
  format: 'camt.053',
  version: 'camt.053.001.02',
  messageId: 'MSG-1',
  statementId: 'STMT-2026-12-04',
  account,
  entries: ['20260000011', '20260000024'].map((reference, i) => ({
    entryId: `TX-${i + 1}`,
    direction: 'credit' as const,
    amount: 124_000,
    currency: 'EUR',
    bookedOn: '2026-12-04',
    counterparty: 'Acme OÜ',
    reference,
  })),
};

const references: Record<string, string> = { '20260000011': 'i1', '20260000024': 'i2' };
const lookup = {
  caughtUp: () => Promise.resolve(),
  byReference: (reference: string) =>
    Promise.resolve(references[reference] ? [references[reference]] : []),
  owing: () => Promise.resolve([]),
  customerName: () => Promise.resolve('Acme OÜ'),
} as unknown as InvoiceLookup;

describe('ImportBankStatement', () => {
  let events: MemoryEventStore;
  const previous = process.env['SELLER_BANK_ACCOUNTS'];

  beforeAll(() => {
    process.env['SELLER_BANK_ACCOUNTS'] = account;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env['SELLER_BANK_ACCOUNTS'];
    else process.env['SELLER_BANK_ACCOUNTS'] = previous;
  });

  beforeEach(async () => {
    events = new MemoryEventStore();
    for (const [reference, invoiceId] of Object.entries(references)) {
      const { type, data } = issued(invoiceId, reference);
      await events.append(
        `invoice-${invoiceId}`,
        [
          {
            eventId: `issued-${invoiceId}`,
            type,
            data,
            metadata: {
              eventId: `issued-${invoiceId}`,
              schemaVersion: 1,
              occurredAt: now,
              actorId: 'admin',
              commandId: `issue-${invoiceId}`,
              correlationId: `issue-${invoiceId}`,
              causationId: `issue-${invoiceId}`,
            },
          },
        ],
        'no_stream',
      );
    }
  });

  const payments = async () =>
    (await events.readAll(0, { limit: 1000 })).filter((e) => e.type === 'PaymentRecorded');
  const importing = (repository: AggregateRepository, commandId: string) =>
    new ImportBankStatementHandler(repository, lookup).execute(
      new ImportBankStatementCommand(
        { type: 'ImportBankStatement', statement, now },
        meta(commandId),
      ),
    );

  it('records the payment of each matched line, caused by the statement', async () => {
    const answer = await importing(new AggregateRepository(events), 'import-1');
    expect(answer).toMatchObject({ status: 'imported', matched: 2 });
    const paid = await payments();
    expect(paid.map((e) => e.streamId)).toEqual(['invoice-i1', 'invoice-i2']);
    const [recorded] = await events.readStream(`bankStatement-${answer.id}`);
    expect(paid.map((e) => e.metadata.causationId)).toEqual([recorded!.eventId, recorded!.eventId]);
    expect(answer.position).toBe(paid[1]!.position);
  });

  it('given an import that stopped after its first payment, when the same file comes again, then the rest is paid once', async () => {
    const failing = new AggregateRepository(events);
    const execute = failing.execute.bind(failing);
    failing.execute = ((...args: Parameters<typeof execute>) => {
      if (args[0] === 'invoice-i2') throw new Error('the process died');
      return execute(...args);
    }) as typeof execute;
    await expect(importing(failing, 'import-1')).rejects.toThrow('the process died');
    expect((await payments()).map((e) => e.streamId)).toEqual(['invoice-i1']);

    const again = await importing(new AggregateRepository(events), 'import-2');
    expect(again).toMatchObject({ status: 'already-imported', matched: 2 });
    const paid = await payments();
    expect(paid.map((e) => e.streamId)).toEqual(['invoice-i1', 'invoice-i2']);
    // Caused by the statement's event as the first import recorded it, not by the retry.
    expect(new Set(paid.map((e) => e.metadata.causationId)).size).toBe(1);
    expect(again.position).toBe(paid[1]!.position);

    const third = await importing(new AggregateRepository(events), 'import-3');
    expect(third).toMatchObject({ status: 'already-imported', position: again.position });
    expect(await payments()).toHaveLength(2);
  });
});
