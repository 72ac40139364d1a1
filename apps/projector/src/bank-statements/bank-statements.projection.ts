import {
  type BankStatementDoc,
  collections,
  projections,
  type StatementLineDoc,
} from '#read-models';
import { type Projection, typed, upsert } from '../projection';

const countsOf = (lines: StatementLineDoc[]) => {
  const counts: BankStatementDoc['counts'] = {
    matched: 0,
    assigned: 0,
    unmatched: 0,
    ambiguous: 0,
    duplicate: 0,
    ignored: 0,
  };
  for (const line of lines) counts[line.assigned ? 'assigned' : line.match.status] += 1;
  return { counts, open: counts.unmatched + counts.ambiguous };
};

/**
 * Imported bank statements with what became of each line: matched to an invoice, assigned by
 * hand, or still open for review (unmatched, ambiguous).
 */
export const bankStatementsProjection: Projection = {
  name: projections.bankStatements,
  indexes: [[collections.bankStatements, ['importedAt']]],
  state: {
    collections: [collections.bankStatements],
    reads: (stored) =>
      stored.type === 'BankStatementEntryAssigned'
        ? [[collections.bankStatements, (stored.data as { statementId: string }).statementId]]
        : [],
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'BankStatementImported': {
          const { statementId, lines, ...rest } = event.data;
          return upsert(stored, collections.bankStatements, statementId, {
            $set: { ...rest, lines, ...countsOf(lines) },
          });
        }
        case 'BankStatementEntryAssigned': {
          const { statementId, entryId, invoice, assignedAt } = event.data;
          const doc = state(collections.bankStatements, statementId) as
            BankStatementDoc | undefined;
          if (!doc) return [];
          let done = false;
          const lines = doc.lines.map((line) => {
            if (done || line.entryId !== entryId || line.match.status === 'duplicate') return line;
            done = true;
            return { ...line, assigned: invoice, assignedAt };
          });
          return upsert(stored, collections.bankStatements, statementId, {
            $set: { lines, ...countsOf(lines) },
          });
        }
        default:
          return [];
      }
    }),
};
