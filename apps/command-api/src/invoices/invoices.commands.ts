import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  checkDealOfCustomer,
  creditNoteSeriesDecider,
  dealDecider,
  type DiscardInvoiceDraft,
  type DraftInvoiceCommand,
  type InvoiceLineInput,
  invoiceDecider,
  invoiceSeriesDecider,
  type IssueCreditNote,
  type IssueInvoice,
  issuedOf,
  notFound,
  offerLinesFor,
  type PrepaymentToSettle,
  prepaymentsToSettle,
  type RecordPayment,
  type RecordRefund,
  type SendInvoice,
  type TransferPayment,
  type UpdateInvoiceDraft,
  type VoidInvoice,
} from '#domain';
import { type InvoiceKind, type ReferenceScheme } from '#events';
import { businessDay, lineInput } from '#commands';
import { type CommandResult } from '../command-handling/command-result';
import { InvoiceLookup } from './invoice-lookup';
import { AggregateRepository, type CommandMeta, requireActiveCustomer } from '#commands';

/**
 * Where an invoice's lines come from: given, or copied from an accepted offer of its deal (the
 * one named, or the deal's only accepted one), which the handler loads before deciding.
 */
export type LinesFrom = { lines: InvoiceLineInput[] } | { offerOf: { offerId?: string } };

/** DraftInvoice as the domain takes it, with its lines possibly still to be copied. */
export type DraftInvoiceRequest = Omit<DraftInvoiceCommand, 'lines' | 'offerId'> & {
  from: LinesFrom;
};

/** The commands on one invoice's stream alone, as the domain takes them (drafts: see above). */
export type InvoiceRequest =
  | DraftInvoiceRequest
  | UpdateInvoiceDraft
  | DiscardInvoiceDraft
  | SendInvoice
  | RecordPayment
  | RecordRefund;

/**
 * IssueInvoice as the domain takes it, less what issuing adds on other streams: the number
 * (from the year's series) and the prepayments it deducts (named in `settles`, or found for
 * the deal); the lines as for a draft.
 */
export type IssueInvoiceRequest = Omit<IssueInvoice, 'lines' | 'offerId' | 'number' | 'settle'> & {
  from: LinesFrom;
  settles?: string[];
};

/** IssueInvoice for a draft: its content is the draft's, the dates and reference are new. */
export type IssueDraftRequest = {
  type: 'IssueInvoiceDraft';
  invoiceId: string;
  issuedOn: string;
  dueOn: string;
  paymentReference?: string;
  referenceScheme: ReferenceScheme;
  settles?: string[];
  now: string;
};

/**
 * The commands that span streams: issuing (number series, prepayments), credit notes and
 * voiding (the credit note series, released prepayments) and moving money to another invoice
 * (loaded); each as the domain takes it, less what the handler takes from those streams.
 */
export type InvoiceProcessRequest =
  | IssueInvoiceRequest
  | IssueDraftRequest
  | Omit<IssueCreditNote, 'creditNoteNumber'>
  | Omit<VoidInvoice, 'creditNoteNumber'>
  | (Omit<TransferPayment, 'to'> & { toInvoiceId: string });

export class InvoiceCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: InvoiceRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export class InvoiceProcessMessage extends Command<CommandResult> {
  constructor(
    readonly command: InvoiceProcessRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** The lines of an invoice for a customer, copied from the deal's offer when asked to. */
const invoiceLines = async (
  repository: AggregateRepository,
  content: { customerId: string; dealId?: string; currency: string; from: LinesFrom },
): Promise<{ lines: InvoiceLineInput[]; offerId?: string }> => {
  const { dealId, from } = content;
  if (dealId) {
    const deal = await repository.load(`deal-${dealId}`, dealDecider);
    if (deal.state.status === 'none') throw notFound('deal', dealId);
    checkDealOfCustomer(deal.state, content.customerId);
    if ('offerOf' in from) return offerLinesFor(deal.state, content.currency, from.offerOf.offerId);
  }
  return { lines: 'lines' in from ? from.lines : [] };
};

/** Drafts, sending, payments and refunds: each decided on the invoice's own stream. */
@CommandHandler(InvoiceCommandMessage)
export class InvoiceHandler implements ICommandHandler<InvoiceCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command: request, meta }: InvoiceCommandMessage): Promise<CommandResult> {
    const { invoiceId } = request;
    let command: Exclude<InvoiceRequest, DraftInvoiceRequest> | DraftInvoiceCommand;
    if (request.type === 'DraftInvoice') {
      await requireActiveCustomer(this.repository, request.customerId);
      const { from: _from, ...draft } = request;
      command = { ...draft, ...(await invoiceLines(this.repository, request)) };
    } else command = request;
    const r = await this.repository.execute(`invoice-${invoiceId}`, invoiceDecider, meta, (s) =>
      invoiceDecider.decide(command, s),
    );
    return {
      id: invoiceId,
      revision: r.revision,
      position: r.position,
      ...(command.type === 'RecordPayment' ? { paymentId: command.paymentId } : {}),
      ...(command.type === 'RecordRefund' ? { refundId: command.refundId } : {}),
    };
  }
}

type SettleChoice = { kind: InvoiceKind; dealId?: string; settles?: string[] };

/**
 * Issuing takes the next number of the year from `invoice-series-<year>` (optimistic
 * concurrency, one number per invoice id), marks the prepayments it deducts as settled by it
 * (each in its own stream, so two invoices never deduct one prepayment), then appends
 * InvoiceIssued. The command is checked against the rules before a number is taken, so a
 * rejected invoice burns no number and settles nothing. Credit notes and voiding take their
 * number from the credit note series the same way; a transfer is checked on both invoices
 * before either is written.
 */
@CommandHandler(InvoiceProcessMessage)
export class InvoiceProcessHandler implements ICommandHandler<InvoiceProcessMessage> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly lookup: InvoiceLookup,
  ) {}

  async execute({ command, meta: request }: InvoiceProcessMessage): Promise<CommandResult> {
    // An If-Match names the invoice's revision: not the number series', nor another invoice's.
    const meta = await this.repository.pin(request, `invoice-${command.invoiceId}`, invoiceDecider);
    switch (command.type) {
      case 'IssueInvoice':
        return this.issueNew(command, meta);
      case 'IssueInvoiceDraft':
        return this.issueDraft(command, meta);
      case 'IssueCreditNote':
        return this.creditNote(command, meta);
      case 'VoidInvoice':
        return this.voidInvoice(command, meta);
      case 'TransferPayment':
        return this.transfer(command, meta);
    }
  }

  private async issueNew(request: IssueInvoiceRequest, meta: CommandMeta) {
    await requireActiveCustomer(this.repository, request.customerId);
    const { from: _from, settles, ...issuing } = request;
    const content = await invoiceLines(this.repository, request);
    return this.issue(
      { ...issuing, ...content },
      { kind: request.kind, ...(request.dealId ? { dealId: request.dealId } : {}), settles },
      meta,
    );
  }

  /** Issues a draft as it stands, with the dates given now. */
  private async issueDraft(request: IssueDraftRequest, meta: CommandMeta) {
    const { invoiceId } = request;
    const { state } = await this.repository.load(`invoice-${invoiceId}`, invoiceDecider);
    if (state.status === 'none') throw notFound('invoice', invoiceId);
    if (state.status === 'draft') await requireActiveCustomer(this.repository, state.customerId);
    const draft =
      state.status === 'draft' || state.status === 'discarded' ? state.content : undefined;
    const kind = draft?.kind ?? 'standard';
    return this.issue(
      {
        type: 'IssueInvoice',
        invoiceId,
        kind,
        customerId: state.customerId,
        ...(draft?.dealId ? { dealId: draft.dealId } : {}),
        ...(draft?.offerId ? { offerId: draft.offerId } : {}),
        currency: draft?.currency ?? '',
        issuedOn: request.issuedOn,
        dueOn: request.dueOn,
        lines: (draft?.lines ?? []).map(lineInput),
        ...(request.paymentReference ? { paymentReference: request.paymentReference } : {}),
        referenceScheme: request.referenceScheme,
        now: request.now,
      },
      { kind, ...(draft?.dealId ? { dealId: draft.dealId } : {}), settles: request.settles },
      meta,
    );
  }

  private async issue(
    issuing: Omit<IssueInvoice, 'number' | 'settle'>,
    choice: SettleChoice,
    meta: CommandMeta,
  ): Promise<CommandResult> {
    const { invoiceId } = issuing;
    const stream = `invoice-${invoiceId}`;
    const existing = await this.repository.load(stream, invoiceDecider);
    if (existing.commands.has(meta.commandId) && 'number' in existing.state)
      return {
        id: invoiceId,
        revision: existing.revision,
        position: existing.position,
        number: existing.state.number,
      };
    const settle = await this.prepayments(choice, invoiceId);
    const command = (number: string): IssueInvoice => ({ ...issuing, number, settle });
    invoiceDecider.decide(command('pending'), existing.state);

    const year = Number(issuing.issuedOn.slice(0, 4));
    const series = await this.repository.execute(
      `invoice-series-${year}`,
      invoiceSeriesDecider,
      meta,
      (state) => invoiceSeriesDecider.decide({ type: 'AssignNumber', year, invoiceId }, state),
    );
    const number = series.state.numbers.get(invoiceId);
    if (number === undefined) throw new Error(`No number was assigned to invoice ${invoiceId}`);
    for (const prepayment of settle)
      await this.repository.execute(
        `invoice-${prepayment.invoiceId}`,
        invoiceDecider,
        meta,
        (state) =>
          invoiceDecider.decide(
            {
              type: 'SettlePrepayment',
              invoiceId: prepayment.invoiceId,
              by: { invoiceId, number },
              now: issuing.now,
            },
            state,
          ),
      );
    const issued = await this.repository.execute(stream, invoiceDecider, meta, (state) =>
      invoiceDecider.decide(command(number), state),
    );
    return {
      id: invoiceId,
      revision: issued.revision,
      position: issued.position,
      number,
      ...(settle.length > 0 ? { settles: settle.map((p) => p.invoiceId) } : {}),
    };
  }

  /**
   * The prepayments a standard invoice deducts: those named, or every one of its deal that no
   * other invoice settled yet (found in the caught-up invoices read model, judged from their
   * own streams).
   */
  private async prepayments(choice: SettleChoice, invoiceId: string) {
    if (choice.kind !== 'standard' && !choice.settles?.length) return [];
    let ids = choice.settles;
    if (ids === undefined) {
      if (!choice.dealId) return [];
      await this.lookup.caughtUp(await this.repository.headPosition());
      ids = await this.lookup.prepaymentsOfDeal(choice.dealId);
    }
    const loaded: PrepaymentToSettle[] = [];
    for (const id of ids) {
      const { state } = await this.repository.load(`invoice-${id}`, invoiceDecider);
      loaded.push(issuedOf(state, id));
    }
    return prepaymentsToSettle(loaded, choice.settles !== undefined, invoiceId);
  }

  /**
   * Moves money to another invoice of the customer: checked on both invoices first, then
   * recorded as moved out here and as a payment there, under ids derived from the transfer,
   * so a retried request finishes an interrupted move and never moves twice.
   */
  private async transfer(
    request: Omit<TransferPayment, 'to'> & { toInvoiceId: string },
    meta: CommandMeta,
  ) {
    const { invoiceId, transferId, toInvoiceId, ...rest } = request;
    const source = issuedOf(
      (await this.repository.load(`invoice-${invoiceId}`, invoiceDecider)).state,
      invoiceId,
    );
    const target = await this.repository.load(`invoice-${toInvoiceId}`, invoiceDecider);
    const to = issuedOf(target.state, toInvoiceId);
    const payment: RecordPayment = {
      type: 'RecordPayment',
      invoiceId: to.invoiceId,
      paymentId: `transfer:${transferId}`,
      amount: request.amount,
      currency: source.currency,
      paidOn: businessDay(request.now),
      transferredFrom: { invoiceId, number: source.number, transferId },
      allowOverpayment: false,
      now: request.now,
    };
    const moving: TransferPayment = { ...rest, invoiceId, transferId, to };
    invoiceDecider.decide(moving, source);
    invoiceDecider.decide(payment, to);
    const moved = await this.repository.execute(`invoice-${invoiceId}`, invoiceDecider, meta, (s) =>
      invoiceDecider.decide(moving, s),
    );
    const paid = await this.repository.execute(
      `invoice-${to.invoiceId}`,
      invoiceDecider,
      meta,
      (s) => invoiceDecider.decide(payment, s),
    );
    return {
      id: invoiceId,
      revision: moved.revision,
      position: Math.max(moved.position, paid.position),
      transferId,
      toInvoiceId: to.invoiceId,
    };
  }

  /** A partial credit note, numbered from the credit note series before it is recorded. */
  private async creditNote(request: Omit<IssueCreditNote, 'creditNoteNumber'>, meta: CommandMeta) {
    const { invoiceId, creditNoteId } = request;
    const command = (creditNoteNumber: string): IssueCreditNote => ({
      ...request,
      creditNoteNumber,
    });
    const number = await this.creditNoteNumber(request, creditNoteId, meta, command);
    const r = await this.repository.execute(`invoice-${invoiceId}`, invoiceDecider, meta, (s) =>
      invoiceDecider.decide(command(number), s),
    );
    return {
      id: invoiceId,
      revision: r.revision,
      position: r.position,
      creditNoteId,
      creditNoteNumber: number,
    };
  }

  /**
   * Checks the command against the invoice, then takes the next `CN-` number of the year
   * (keyed by `key`, so a retry reuses it).
   */
  private async creditNoteNumber(
    request: { invoiceId: string; today: string },
    key: string,
    meta: CommandMeta,
    command: (number: string) => IssueCreditNote | VoidInvoice,
  ): Promise<string> {
    const { invoiceId, today } = request;
    const existing = await this.repository.load(`invoice-${invoiceId}`, invoiceDecider);
    if (!existing.commands.has(meta.commandId))
      invoiceDecider.decide(command('pending'), existing.state);
    const year = Number(today.slice(0, 4));
    const series = await this.repository.execute(
      `credit-note-series-${year}`,
      creditNoteSeriesDecider,
      meta,
      (state) =>
        creditNoteSeriesDecider.decide({ type: 'AssignNumber', year, invoiceId: key }, state),
    );
    const number = series.state.numbers.get(key);
    if (number === undefined) throw new Error(`No credit note number for ${key}`);
    return number;
  }

  /**
   * Voids the invoice with a credit note for what was still due, then releases the
   * prepayments it deducted, so a new invoice can settle them.
   */
  private async voidInvoice(request: Omit<VoidInvoice, 'creditNoteNumber'>, meta: CommandMeta) {
    const { invoiceId } = request;
    const command = (creditNoteNumber: string): VoidInvoice => ({ ...request, creditNoteNumber });
    // The void's number is keyed by the invoice id: an invoice is voided once.
    const number = await this.creditNoteNumber(request, invoiceId, meta, command);
    const r = await this.repository.execute(`invoice-${invoiceId}`, invoiceDecider, meta, (s) =>
      invoiceDecider.decide(command(number), s),
    );
    const voided = issuedOf(r.state, invoiceId);
    let position = r.position;
    for (const prepayment of voided.settles) {
      const released = await this.repository.execute(
        `invoice-${prepayment.invoiceId}`,
        invoiceDecider,
        meta,
        (s) =>
          invoiceDecider.decide(
            {
              type: 'ReleasePrepayment',
              invoiceId: prepayment.invoiceId,
              from: { invoiceId, number: voided.number },
              now: request.now,
            },
            s,
          ),
      );
      position = Math.max(position, released.position);
    }
    return { id: invoiceId, revision: r.revision, position, creditNoteNumber: number };
  }
}
