import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { currencyExponent } from '#events';

/** One booked transaction of a statement, as the bank reported it. */
export type StatementEntry = {
  /** The bank's id of the transaction (AcctSvcrRef), unique per account. */
  entryId: string;
  direction: 'credit' | 'debit';
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  bookedOn: string;
  /** Who paid (credits) or was paid (debits). */
  counterparty?: string;
  counterpartyAccount?: string;
  /** The structured creditor reference (RmtInf/Strd/CdtrRefInf/Ref). */
  reference?: string;
  /** The free text of the payment order (RmtInf/Ustrd). */
  remittance?: string;
  endToEndId?: string;
};

export type BankStatement = {
  format: 'camt.053' | 'camt.054';
  /** The namespace version, e.g. `camt.053.001.02`. */
  version: string;
  messageId: string;
  /** The statement's (or notification's) own id. */
  statementId: string;
  account: string;
  accountCurrency?: string;
  from?: string;
  to?: string;
  entries: StatementEntry[];
};

/** Why a file is not a statement this service reads; nothing of it is recorded. */
export class StatementFormatError extends Error {
  constructor(
    readonly kind: 'malformed-xml' | 'unsupported-statement',
    message: string,
  ) {
    super(message);
    this.name = 'StatementFormatError';
  }
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Amounts, references and ids stay text: "0012" is not 12.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ['Stmt', 'Ntfctn', 'Ntry', 'TxDtls', 'Ustrd', 'Ref'].includes(name),
});

const node = (value: unknown): Node | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Node)
    : undefined;

/** The value at a path of element names; arrays take their first item. */
const at = (value: unknown, ...path: string[]): unknown => {
  let current = value;
  for (const key of path) {
    const first = Array.isArray(current) ? (current[0] as unknown) : current;
    current = node(first)?.[key];
  }
  return Array.isArray(current) ? (current[0] as unknown) : current;
};

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  const inner = node(value)?.['#text'];
  return typeof inner === 'string' && inner.trim() !== '' ? inner.trim() : undefined;
};

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];

/** A decimal amount such as `1234.5` in exact minor units, without floating point. */
export const minorUnits = (amount: string, currency: string): number => {
  const m = /^(\d{1,15})(?:\.(\d{1,5}))?$/.exec(amount);
  if (!m) throw new StatementFormatError('unsupported-statement', `Invalid amount ${amount}`);
  if (!/^[A-Z]{3}$/.test(currency))
    throw new StatementFormatError('unsupported-statement', `Invalid currency ${currency}`);
  const exponent = currencyExponent(currency);
  const fraction = (m[2] ?? '').padEnd(exponent, '0');
  if (fraction.length > exponent && /[^0]/.test(fraction.slice(exponent)))
    throw new StatementFormatError(
      'unsupported-statement',
      `Amount ${amount} has more decimals than ${currency} has`,
    );
  const minor =
    BigInt(m[1]!) * 10n ** BigInt(exponent) + BigInt(fraction.slice(0, exponent) || '0');
  // Kept as a number, an amount is exact up to 2^53; past that it could only be rounded.
  if (minor > BigInt(Number.MAX_SAFE_INTEGER))
    throw new StatementFormatError(
      'unsupported-statement',
      `Amount ${amount} ${currency} is larger than an amount can be kept exactly`,
    );
  return Number(minor);
};

const amountOf = (value: unknown): { amount: number; currency: string } | undefined => {
  const raw = text(value);
  const currency = node(value)?.['@Ccy'];
  if (!raw || typeof currency !== 'string') return undefined;
  return { amount: minorUnits(raw, currency), currency };
};

/** The party's name in any version: `Dbtr/Nm` (001.02–.07) or `Dbtr/Pty/Nm` (001.08+). */
const partyName = (party: unknown) => text(at(party, 'Nm')) ?? text(at(party, 'Pty', 'Nm'));

const dayOf = (value: unknown) => text(at(value, 'Dt')) ?? text(at(value, 'DtTm'))?.slice(0, 10);

const supported = /^urn:iso:std:iso:20022:tech:xsd:(camt\.05[34])\.001\.(0[2-9]|1[0-3])$/;

/** The transactions of one entry: its details, or the entry itself when it has none. */
const entriesOf = (ntry: unknown, index: number): StatementEntry[] => {
  const direction = text(at(ntry, 'CdtDbtInd'));
  if (direction !== 'CRDT' && direction !== 'DBIT')
    throw new StatementFormatError('unsupported-statement', 'An entry has no CdtDbtInd');
  const status = text(at(ntry, 'Sts')) ?? text(at(ntry, 'Sts', 'Cd'));
  // Pending and informational entries are not money on the account yet.
  if (status !== undefined && status !== 'BOOK') return [];
  const total = amountOf(at(ntry, 'Amt'));
  if (!total) throw new StatementFormatError('unsupported-statement', 'An entry has no amount');
  const bookedOn = dayOf(at(ntry, 'BookgDt')) ?? dayOf(at(ntry, 'ValDt'));
  if (!bookedOn)
    throw new StatementFormatError('unsupported-statement', 'An entry has no booking date');
  const entryRef = text(at(ntry, 'AcctSvcrRef')) ?? text(at(ntry, 'NtryRef'));
  const details = list(node(at(ntry, 'NtryDtls'))?.['TxDtls']);
  const transactions = details.length > 0 ? details : [undefined];
  return transactions.map((tx, i) => {
    const own =
      amountOf(at(tx, 'Amt')) ??
      amountOf(at(tx, 'AmtDtls', 'TxAmt', 'Amt')) ??
      (transactions.length === 1 ? total : undefined);
    if (!own)
      throw new StatementFormatError('unsupported-statement', 'A batch entry line has no amount');
    const txRef = text(at(tx, 'Refs', 'AcctSvcrRef'));
    const entryId =
      txRef ??
      (entryRef ? (transactions.length > 1 ? `${entryRef}/${i + 1}` : entryRef) : undefined) ??
      `entry-${index + 1}${transactions.length > 1 ? `/${i + 1}` : ''}`;
    const counterpartyRole = direction === 'CRDT' ? 'Dbtr' : 'Cdtr';
    const remittance = list(node(at(tx, 'RmtInf'))?.['Ustrd'])
      .map(text)
      .filter((t): t is string => t !== undefined)
      .join(' ');
    const counterparty = partyName(at(tx, 'RltdPties', counterpartyRole));
    const counterpartyAccount =
      text(at(tx, 'RltdPties', `${counterpartyRole}Acct`, 'Id', 'IBAN')) ?? undefined;
    const reference = text(at(tx, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref'));
    const endToEndId = text(at(tx, 'Refs', 'EndToEndId'));
    return {
      entryId,
      direction: direction === 'CRDT' ? 'credit' : 'debit',
      amount: own.amount,
      currency: own.currency,
      bookedOn,
      ...(counterparty ? { counterparty } : {}),
      ...(counterpartyAccount ? { counterpartyAccount } : {}),
      ...(reference ? { reference } : {}),
      ...(remittance ? { remittance } : {}),
      ...(endToEndId && endToEndId !== 'NOTPROVIDED' ? { endToEndId } : {}),
    };
  });
};

/**
 * Reads an ISO 20022 bank-to-customer statement (camt.053) or debit/credit notification
 * (camt.054), versions 001.02 to 001.13, as the banks of the Baltics and Hungary export them:
 * one account per file, booked entries with their transaction details.
 */
export const parseCamt = (xml: string): BankStatement => {
  // Statements have no document type: one is refused rather than its entities expanded.
  if (/<!DOCTYPE/i.test(xml))
    throw new StatementFormatError('unsupported-statement', 'A statement has no DOCTYPE');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new StatementFormatError(
      'malformed-xml',
      `The file is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
    );
  const parsed = parser.parse(xml) as Node;
  const document = node(parsed['Document']);
  // The parser drops namespace declarations with their prefixes: read the root's from the text.
  const namespace =
    /<(?:[\w.-]+:)?Document\b[^>]*?\sxmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']/.exec(xml)?.[1];
  const m = namespace !== undefined ? supported.exec(namespace) : null;
  if (!document || !m)
    throw new StatementFormatError(
      'unsupported-statement',
      `Not an ISO 20022 camt.053 or camt.054 document (namespace ${namespace ?? 'none'})`,
    );
  const format = m[1] as 'camt.053' | 'camt.054';
  const message = node(document[format === 'camt.053' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn']);
  const reports = list(message?.[format === 'camt.053' ? 'Stmt' : 'Ntfctn']);
  if (!message || reports.length === 0)
    throw new StatementFormatError(
      'unsupported-statement',
      `The ${format} file holds no statement`,
    );
  if (reports.length > 1)
    throw new StatementFormatError(
      'unsupported-statement',
      'The file holds statements of several accounts; import one account per file',
    );
  const report = reports[0];
  const account = text(at(report, 'Acct', 'Id', 'IBAN'));
  if (!account)
    throw new StatementFormatError('unsupported-statement', 'The statement names no IBAN account');
  const messageId = text(at(message, 'GrpHdr', 'MsgId'));
  const statementId = text(at(report, 'Id'));
  if (!messageId || !statementId)
    throw new StatementFormatError('unsupported-statement', 'The statement has no MsgId or Id');
  const accountCurrency = text(at(report, 'Acct', 'Ccy'));
  const from = text(at(report, 'FrToDt', 'FrDtTm'))?.slice(0, 10);
  const to = text(at(report, 'FrToDt', 'ToDtTm'))?.slice(0, 10);
  return {
    format,
    version: `${format}.001.${m[2]!}`,
    messageId,
    statementId,
    account: account.replace(/\s/g, '').toUpperCase(),
    ...(accountCurrency ? { accountCurrency } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    entries: list(node(report)?.['Ntry']).flatMap(entriesOf),
  };
};
