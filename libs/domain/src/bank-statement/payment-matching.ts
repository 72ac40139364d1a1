import {
  compactReference,
  type EntryMatch,
  isCreditorReference,
  isEstonianReference,
  type MatchedInvoice,
  type StatementLine,
} from '#events';

/** An invoice a line may pay, loaded from its stream and with its customer's name. */
export type PayableInvoice = MatchedInvoice & {
  customerName: string;
  /** Whether this line may be recorded on it as a payment (not void, same currency). */
  payable: boolean;
  /** The line's transaction is already recorded on it. */
  alreadyPaidBy: boolean;
};

type Line = Omit<StatementLine, 'match'>;

/** The payment references a line carries: the structured one, else any in its free text. */
export const referencesIn = (line: Pick<Line, 'reference' | 'remittance'>): string[] => {
  if (line.reference) return [compactReference(line.reference)];
  const words = (line.remittance ?? '').toUpperCase().split(/[^0-9A-Z]+/);
  return [
    ...new Set(
      words.filter((w) => isCreditorReference(w) || (w.length >= 4 && isEstonianReference(w))),
    ),
  ];
};

const legalForms = new Set([
  'as',
  'ou',
  'oue',
  'mtu',
  'fie',
  'tu',
  'uab',
  'ab',
  'mb',
  'iį',
  'ii',
  'vsi',
  'sia',
  'kft',
  'zrt',
  'nyrt',
  'bt',
  'ltd',
  'llc',
  'gmbh',
  'oy',
  'oyj',
  'sp',
  'zoo',
  'inc',
]);

/** A name as words to compare: no accents, case, punctuation or legal form. */
const words = (name: string): string[] =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !legalForms.has(w));

/** The payer's name names the customer: every word of the shorter is in the longer. */
export const sameParty = (payer: string, customer: string): boolean => {
  const a = words(payer);
  const b = words(customer);
  if (a.length === 0 || b.length === 0) return false;
  const [shorter, longer] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  return shorter.every((w) => longer.has(w));
};

const invoiceOf = ({ invoiceId, number, customerId }: PayableInvoice): MatchedInvoice => ({
  invoiceId,
  number,
  customerId,
});

/**
 * What a statement line pays: money out is ignored; a line is matched by its payment
 * reference first, then by its amount and the payer's name against the invoices owing exactly
 * that amount. One candidate is a match, several are ambiguous, none leaves it for review. A
 * transaction already recorded on the invoice is a duplicate.
 */
export const matchLine = (
  line: Line,
  byReference: PayableInvoice[],
  byAmount: PayableInvoice[],
): EntryMatch => {
  if (line.direction === 'debit') return { status: 'ignored' };
  const decide = (candidates: PayableInvoice[], by: 'reference' | 'amount-and-name') => {
    const [only] = candidates;
    if (candidates.length === 1 && only) {
      if (only.alreadyPaidBy) return { status: 'duplicate' } as const;
      return only.payable
        ? ({ status: 'matched', by, invoice: invoiceOf(only) } as const)
        : undefined;
    }
    if (candidates.length > 1)
      return { status: 'ambiguous', candidates: candidates.map(invoiceOf) } as const;
    return undefined;
  };
  const referenced = decide(byReference, 'reference');
  if (referenced) return referenced;
  const named = line.counterparty
    ? byAmount.filter((i) => i.payable && sameParty(line.counterparty!, i.customerName))
    : [];
  return decide(named, 'amount-and-name') ?? { status: 'unmatched' };
};
