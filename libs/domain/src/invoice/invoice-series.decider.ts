import { type InvoiceSeriesEvent } from '#events';
import { type Decider } from '../decider';

/** Gapless invoice numbering per calendar year, kept in the stream `invoice-series-<year>`. */
export type InvoiceSeriesState = { sequence: number; numbers: ReadonlyMap<string, string> };

export type AssignInvoiceNumber = { type: 'AssignInvoiceNumber'; year: number; invoiceId: string };

export const formatInvoiceNumber = (year: number, sequence: number) =>
  `${year}-${String(sequence).padStart(6, '0')}`;

const decide = (command: AssignInvoiceNumber, state: InvoiceSeriesState): InvoiceSeriesEvent[] => {
  if (state.numbers.has(command.invoiceId)) return [];
  const sequence = state.sequence + 1;
  return [
    {
      type: 'InvoiceNumberAssigned',
      data: {
        year: command.year,
        sequence,
        number: formatInvoiceNumber(command.year, sequence),
        invoiceId: command.invoiceId,
      },
    },
  ];
};

const evolve = (state: InvoiceSeriesState, event: InvoiceSeriesEvent): InvoiceSeriesState => ({
  sequence: event.data.sequence,
  numbers: new Map(state.numbers).set(event.data.invoiceId, event.data.number),
});

export const invoiceSeriesDecider: Decider<
  AssignInvoiceNumber,
  InvoiceSeriesEvent,
  InvoiceSeriesState
> = { decide, evolve, initialState: () => ({ sequence: 0, numbers: new Map() }) };
