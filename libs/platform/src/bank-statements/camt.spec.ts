import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minorUnits, parseCamt, StatementFormatError } from './camt';

const fixture = readFileSync(join(__dirname, '../../../../test/fixtures/camt053.xml'), 'utf8');
const values: Record<string, string> = {
  MSG_ID: 'MSG-1',
  STATEMENT_ID: 'STMT-1',
  DAY: '2026-03-02',
  IBAN: 'EE382200221020145685',
  CURRENCY: 'EUR',
  REFERENCE: '1234561',
  REFERENCED_AMOUNT: '1038.04',
  REFERENCED_PAYER: 'Žydrūnė Šalčiūtė-Kőszegi',
  NAMED_AMOUNT: '50.00',
  NAMED_PAYER: 'OU OUNAAED',
};
const filled = (overrides: Record<string, string> = {}) =>
  Object.entries({ ...values, ...overrides }).reduce(
    (xml, [k, v]) => xml.replaceAll(`{{${k}}}`, v),
    fixture,
  );

const kindOf = (xml: string) => {
  try {
    parseCamt(xml);
    return 'parsed';
  } catch (error) {
    return error instanceof StatementFormatError ? error.kind : String(error);
  }
};

describe('camt.053 statements', () => {
  it('reads the account, the statement and each booked transaction', () => {
    const statement = parseCamt(filled());
    expect(statement).toMatchObject({
      format: 'camt.053',
      version: 'camt.053.001.02',
      messageId: 'MSG-1',
      statementId: 'STMT-1',
      account: 'EE382200221020145685',
      accountCurrency: 'EUR',
      from: '2026-03-02',
      to: '2026-03-02',
    });
    expect(statement.entries).toEqual([
      {
        entryId: 'bank-tx-0001',
        direction: 'credit',
        amount: 103_804,
        currency: 'EUR',
        bookedOn: '2026-03-02',
        counterparty: 'Žydrūnė Šalčiūtė-Kőszegi',
        counterpartyAccount: 'LT601010012345678901',
        reference: '1234561',
        remittance: 'Arve tasumine',
      },
      {
        entryId: 'bank-tx-0002',
        direction: 'credit',
        amount: 5_000,
        currency: 'EUR',
        bookedOn: '2026-03-02',
        counterparty: 'OU OUNAAED',
        remittance: 'Tasumine tellimuse eest',
      },
      expect.objectContaining({ entryId: 'bank-tx-0003', amount: 12_345 }),
      expect.objectContaining({ entryId: 'bank-tx-0001', amount: 103_804 }),
      expect.objectContaining({ entryId: 'bank-fee-0001', direction: 'debit', amount: 120 }),
    ]);
  });

  it('reads the party name of newer versions and camt.054 notifications', () => {
    const v8 = filled()
      .replace('camt.053.001.02', 'camt.053.001.08')
      .replaceAll('<Dbtr><Nm>OU OUNAAED</Nm></Dbtr>', '<Dbtr><Pty><Nm>OU OUNAAED</Nm></Pty></Dbtr>')
      .replaceAll('<Sts>BOOK</Sts>', '<Sts><Cd>BOOK</Cd></Sts>');
    expect(parseCamt(v8).entries[1]).toMatchObject({ counterparty: 'OU OUNAAED' });
    const notification = filled()
      .replace('camt.053.001.02', 'camt.054.001.02')
      .replace('<BkToCstmrStmt>', '<BkToCstmrDbtCdtNtfctn>')
      .replace('</BkToCstmrStmt>', '</BkToCstmrDbtCdtNtfctn>')
      .replace('<Stmt>', '<Ntfctn>')
      .replace('</Stmt>', '</Ntfctn>');
    const read = parseCamt(notification);
    expect([read.format, read.entries.length]).toEqual(['camt.054', 5]);
  });

  it('leaves out pending entries', () => {
    const pending = filled().replace('<Sts>BOOK</Sts>', '<Sts>PDNG</Sts>');
    expect(parseCamt(pending).entries.map((e) => e.entryId)).toEqual([
      'bank-tx-0002',
      'bank-tx-0003',
      'bank-tx-0001',
      'bank-fee-0001',
    ]);
  });

  it('refuses what is not a statement it reads', () => {
    expect(kindOf('<Document><Open></Document>')).toBe('malformed-xml');
    expect(kindOf(filled().replace('camt.053.001.02', 'pain.001.001.03'))).toBe(
      'unsupported-statement',
    );
    expect(kindOf('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document/>')).toBe(
      'unsupported-statement',
    );
    expect(kindOf(filled({ REFERENCED_AMOUNT: '10.001' }))).toBe('unsupported-statement');
  });

  it('takes amounts exactly in minor units', () => {
    expect(minorUnits('1038.04', 'EUR')).toBe(103_804);
    expect(minorUnits('0.1', 'EUR')).toBe(10);
    expect(minorUnits('5', 'EUR')).toBe(500);
    expect(minorUnits('1500', 'JPY')).toBe(1500);
    expect(minorUnits('12.50', 'HUF')).toBe(1250);
    // Fifteen digits in cents are exact; past 2^53 minor units an amount is refused, not rounded.
    expect(minorUnits('9999999999999.99', 'EUR')).toBe(999_999_999_999_999);
    expect(minorUnits('90071992547409.91', 'EUR')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => minorUnits('90071992547409.92', 'EUR')).toThrow(StatementFormatError);
    expect(() => minorUnits('999999999999999.99', 'EUR')).toThrow(/kept exactly/);
  });
});
