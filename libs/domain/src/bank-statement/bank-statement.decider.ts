import {
  type BankStatementEvent,
  type BankStatementImported,
  type EntryMatch,
  type MatchedInvoice,
  type StatementLine,
} from '#events';
import { type Decider, notFound, unreachable, violated } from '../decider';

export type BankStatementState =
  | { status: 'none' }
  | {
      status: 'imported';
      statementId: string;
      currency: string;
      /** Each line's match now, by the bank's transaction id. */
      lines: ReadonlyMap<string, { amount: number; match: EntryMatch; assigned?: MatchedInvoice }>;
    };

export type ImportBankStatement = {
  type: 'ImportBankStatement';
  statement: Omit<BankStatementImported['data'], 'importedAt'>;
  now: string;
};

export type AssignStatementEntry = {
  type: 'AssignStatementEntry';
  statementId: string;
  entryId: string;
  invoice: MatchedInvoice;
  now: string;
};

export type BankStatementCommand = ImportBankStatement | AssignStatementEntry;

/** A transaction twice in one file is one transaction: the later lines are duplicates. */
export const markDuplicates = (lines: StatementLine[]): StatementLine[] => {
  const seen = new Set<string>();
  return lines.map((line) => {
    if (line.direction === 'credit' && seen.has(line.entryId))
      return { ...line, match: { status: 'duplicate' } };
    seen.add(line.entryId);
    return line;
  });
};

const decide = (command: BankStatementCommand, state: BankStatementState): BankStatementEvent[] => {
  switch (command.type) {
    case 'ImportBankStatement':
      // The same statement imported again records nothing.
      if (state.status === 'imported') return [];
      return [
        {
          type: 'BankStatementImported',
          data: {
            ...command.statement,
            lines: markDuplicates(command.statement.lines),
            importedAt: command.now,
          },
        },
      ];
    case 'AssignStatementEntry': {
      if (state.status === 'none') throw notFound('bank-statement', command.statementId);
      const line = state.lines.get(command.entryId);
      if (!line) throw notFound('statement-entry', command.entryId);
      if (line.assigned?.invoiceId === command.invoice.invoiceId) return [];
      if (line.assigned)
        throw violated(
          'entry-assigned',
          `The transaction was already assigned to invoice ${line.assigned.number}`,
        );
      if (line.match.status !== 'unmatched' && line.match.status !== 'ambiguous')
        throw violated(
          'entry-not-open',
          line.match.status === 'matched'
            ? `The transaction already paid invoice ${line.match.invoice.number}`
            : `A ${line.match.status} line pays no invoice`,
        );
      return [
        {
          type: 'BankStatementEntryAssigned',
          data: {
            statementId: command.statementId,
            entryId: command.entryId,
            invoice: command.invoice,
            assignedAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: BankStatementState, event: BankStatementEvent): BankStatementState => {
  switch (event.type) {
    case 'BankStatementImported': {
      const lines = new Map<string, { amount: number; match: EntryMatch }>();
      // The first line of a transaction is the one that counts.
      for (const l of event.data.lines)
        if (!lines.has(l.entryId)) lines.set(l.entryId, { amount: l.amount, match: l.match });
      return {
        status: 'imported',
        statementId: event.data.statementId,
        currency: event.data.currency,
        lines,
      };
    }
    case 'BankStatementEntryAssigned': {
      if (state.status !== 'imported') return state;
      const lines = new Map(state.lines);
      const line = lines.get(event.data.entryId);
      if (line) lines.set(event.data.entryId, { ...line, assigned: event.data.invoice });
      return { ...state, lines };
    }
    default:
      return unreachable(event);
  }
};

export const bankStatementDecider: Decider<
  BankStatementCommand,
  BankStatementEvent,
  BankStatementState
> = { decide, evolve, initialState: () => ({ status: 'none' }) };
