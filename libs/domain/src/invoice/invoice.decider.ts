import { type BusinessDay, type InvoiceEvent, type InvoiceKind } from '#events';
import { alreadyExists, type Decider, violated } from '../decider';
import { type InvoiceLineInput, priceLine, totalOf } from './invoice-math';

export type InvoiceState =
  | { status: 'none' }
  | { status: 'issued'; invoiceId: string; number: string; customerId: string; gross: number };

export type IssueInvoice = {
  type: 'IssueInvoice';
  invoiceId: string;
  number: string;
  kind: InvoiceKind;
  customerId: string;
  dealId?: string;
  currency: string;
  issuedOn: BusinessDay;
  dueOn: BusinessDay;
  lines: InvoiceLineInput[];
  now: string;
};

export type InvoiceCommand = IssueInvoice;

const decide = (command: InvoiceCommand, state: InvoiceState): InvoiceEvent[] => {
  if (state.status !== 'none') throw alreadyExists('invoice', command.invoiceId);
  if (command.lines.length === 0)
    throw violated('lines-required', 'An invoice needs at least one line');
  if (command.dueOn < command.issuedOn)
    throw violated('due-after-issue', 'The due date cannot be before the issue date');
  const lines = command.lines.map(priceLine);
  const { type: _t, now, lines: _l, ...rest } = command;
  return [
    {
      type: 'InvoiceIssued',
      data: { ...rest, lines, totals: totalOf(lines), issuedAt: now },
    },
  ];
};

const evolve = (_state: InvoiceState, event: InvoiceEvent): InvoiceState => {
  const { invoiceId, number, customerId, totals } = event.data;
  return { status: 'issued', invoiceId, number, customerId, gross: totals.gross };
};

export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
