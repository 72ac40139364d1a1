import { type BankStatementEvent, type StatementLine } from '#events';
import { specFor } from '../testing';
import { bankStatementDecider, type ImportBankStatement } from './bank-statement.decider';
import { matchLine, type PayableInvoice, referencesIn, sameParty } from './payment-matching';

const line = (overrides: Partial<StatementLine> = {}): Omit<StatementLine, 'match'> => ({
  entryId: 'tx-1',
  direction: 'credit',
  amount: 10_000,
  currency: 'EUR',
  bookedOn: '2026-03-02',
  ...overrides,
});
const invoice = (overrides: Partial<PayableInvoice> = {}): PayableInvoice => ({
  invoiceId: 'i1',
  number: '2026-000001',
  customerId: 'c1',
  customerName: 'Õunaaed OÜ',
  payable: true,
  alreadyPaidBy: false,
  ...overrides,
});
const { invoiceId, number, customerId } = invoice();
const matched = { invoiceId, number, customerId };

describe('matching a statement line to an invoice', () => {
  it('finds references in the structured field or the free text', () => {
    expect(referencesIn({ reference: 'rf18 5390 0754 7034' })).toEqual(['RF18539007547034']);
    expect(referencesIn({ remittance: 'Arve 2026-000001 viitenumber 20260000011, aitäh' })).toEqual(
      ['20260000011'],
    );
    expect(referencesIn({ remittance: 'Arve nr 12' })).toEqual([]);
  });

  it('compares names without accents, case or legal form', () => {
    expect(sameParty('OU OUNAAED', 'Õunaaed OÜ')).toBe(true);
    expect(sameParty('Šalčiūtė-Kőszegi Žydrūnė', 'Žydrūnė Šalčiūtė-Kőszegi')).toBe(true);
    expect(sameParty('Õunaaed Kaubandus OÜ', 'Õunaaed OÜ')).toBe(true);
    expect(sameParty('Pirnipuu OÜ', 'Õunaaed OÜ')).toBe(false);
    expect(sameParty('OÜ', 'Õunaaed OÜ')).toBe(false);
  });

  it('takes the reference first, then amount and payer, and leaves the rest for review', () => {
    expect(matchLine(line(), [invoice()], [])).toEqual({
      status: 'matched',
      by: 'reference',
      invoice: matched,
    });
    expect(matchLine(line({ counterparty: 'OU OUNAAED' }), [], [invoice()])).toEqual({
      status: 'matched',
      by: 'amount-and-name',
      invoice: matched,
    });
    expect(matchLine(line({ counterparty: 'Someone Else' }), [], [invoice()])).toEqual({
      status: 'unmatched',
    });
    expect(matchLine(line(), [invoice(), invoice({ invoiceId: 'i2' })], [])).toMatchObject({
      status: 'ambiguous',
    });
    expect(matchLine(line(), [invoice({ alreadyPaidBy: true })], [])).toEqual({
      status: 'duplicate',
    });
    // a void invoice named by the reference is no match; the payer may still name one
    expect(
      matchLine(line({ counterparty: 'Õunaaed' }), [invoice({ payable: false })], [invoice()]),
    ).toMatchObject({ status: 'matched', by: 'amount-and-name' });
    expect(matchLine(line({ direction: 'debit' }), [invoice()], [])).toEqual({ status: 'ignored' });
  });
});

describe('bank statements', () => {
  const spec = specFor(bankStatementDecider);
  const now = '2026-03-02T18:00:00.000Z';
  const statement = (lines: StatementLine[]): ImportBankStatement => ({
    type: 'ImportBankStatement',
    statement: {
      statementId: 's1',
      format: 'camt.053',
      version: 'camt.053.001.02',
      messageId: 'm1',
      bankStatementId: 'STMT-1',
      account: 'EE382200221020145685',
      currency: 'EUR',
      lines,
    },
    now,
  });
  const open = { ...line({ entryId: 'tx-2' }), match: { status: 'unmatched' as const } };
  const paid = {
    ...line(),
    match: { status: 'matched' as const, by: 'reference' as const, invoice: matched },
  };
  const imported: BankStatementEvent = {
    type: 'BankStatementImported',
    data: { ...statement([paid, open]).statement, importedAt: now },
  };

  it('records a statement once, a transaction repeated in the file as a duplicate', () => {
    spec([])
      .when(statement([paid, open, paid]))
      .then([
        {
          type: 'BankStatementImported',
          data: {
            ...statement([]).statement,
            lines: [paid, open, { ...paid, match: { status: 'duplicate' } }],
            importedAt: now,
          },
        },
      ]);
    spec([imported])
      .when(statement([paid, open]))
      .thenNothingHappened();
  });

  it('assigns an open line by hand once, and no line that already paid something', () => {
    const assign = (entryId: string, id = 'i9') => ({
      type: 'AssignStatementEntry' as const,
      statementId: 's1',
      entryId,
      invoice: { invoiceId: id, number: '2026-000009', customerId: 'c2' },
      now,
    });
    const assigned: BankStatementEvent = {
      type: 'BankStatementEntryAssigned',
      data: {
        statementId: 's1',
        entryId: 'tx-2',
        invoice: assign('tx-2').invoice,
        assignedAt: now,
      },
    };
    spec([imported]).when(assign('tx-2')).then([assigned]);
    spec([imported, assigned]).when(assign('tx-2')).thenNothingHappened();
    spec([imported, assigned]).when(assign('tx-2', 'i8')).thenRejectedWith('entry-assigned');
    spec([imported]).when(assign('tx-1')).thenRejectedWith('entry-not-open');
    spec([imported]).when(assign('tx-404')).thenRejectedWith('statement-entry-not-found');
    spec([]).when(assign('tx-2')).thenRejectedWith('bank-statement-not-found');
  });
});
