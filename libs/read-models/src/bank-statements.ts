import { type BankStatementImported, type MatchedInvoice, type StatementLine } from '#events';

/** A statement line as the review shows it: the bank's data, its match and any assignment. */
export type StatementLineDoc = StatementLine & { assigned?: MatchedInvoice; assignedAt?: string };

/** An imported bank statement with each line's match, for review. */
export type BankStatementDoc = Omit<BankStatementImported['data'], 'statementId' | 'lines'> & {
  _id: string;
  lines: StatementLineDoc[];
  /** Lines by what became of them; `open` ones (unmatched, ambiguous) wait for review. */
  counts: Record<
    'matched' | 'assigned' | 'unmatched' | 'ambiguous' | 'duplicate' | 'ignored',
    number
  >;
  open: number;
  /** The projection's own bookkeeping (the last event it applied), not for answers. */
  _position?: number;
};
