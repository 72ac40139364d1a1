import { type Event, type SeriesNumber } from '#events';
import { type Decider } from '../decider';

/** Gapless numbering per calendar year, one stream per series and year. */
export type InvoiceSeriesState = { sequence: number; numbers: ReadonlyMap<string, string> };

/** Takes the next number for the invoice, or answers the one it already has. */
export type AssignNumber = { type: 'AssignNumber'; year: number; invoiceId: string };

export const formatInvoiceNumber = (year: number, sequence: number) =>
  `${year}-${String(sequence).padStart(6, '0')}`;

const series = <T extends string>(
  type: T,
  format: (year: number, sequence: number) => string,
): Decider<AssignNumber, Event<T, SeriesNumber>, InvoiceSeriesState> => ({
  decide: (command, state) => {
    if (state.numbers.has(command.invoiceId)) return [];
    const sequence = state.sequence + 1;
    return [
      {
        type,
        data: {
          year: command.year,
          sequence,
          number: format(command.year, sequence),
          invoiceId: command.invoiceId,
        },
      },
    ];
  },
  evolve: (state, event) => {
    // Grown in place like the command map of a cached stream: it only ever gains entries,
    // and a copy per number would cost O(numbers this year).
    (state.numbers as Map<string, string>).set(event.data.invoiceId, event.data.number);
    return { sequence: event.data.sequence, numbers: state.numbers };
  },
  initialState: () => ({ sequence: 0, numbers: new Map() }),
});

/** `invoice-series-<year>`: invoice numbers `YYYY-NNNNNN`. */
export const invoiceSeriesDecider = series('InvoiceNumberAssigned', formatInvoiceNumber);

/** `credit-note-series-<year>`: credit note numbers `CN-YYYY-NNNNNN`. */
export const creditNoteSeriesDecider = series(
  'CreditNoteNumberAssigned',
  (year, sequence) => `CN-${formatInvoiceNumber(year, sequence)}`,
);
