import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  checkDealOfCustomer,
  creditNoteSeriesDecider,
  dealDecider,
  type IssueInvoice,
  invoiceDecider,
  invoiceSeriesDecider,
  issuedOf,
  notFound,
  offerLinesFor,
  type PrepaymentToSettle,
  prepaymentsToSettle,
} from '#domain';
import { type InvoiceKind } from '#events';
import { problem } from '#platform';
import { businessDay, lineInput } from '#commands';
import { type CommandResult } from '../command-handling/command-result';
import { InvoiceLookup } from './invoice-lookup';
import {
  type DiscardDraftDto,
  type DraftInvoiceDto,
  type IssueCreditNoteDto,
  type IssueDraftDto,
  type IssueInvoiceDto,
  type RecordPaymentDto,
  type RecordRefundDto,
  type SendInvoiceDto,
  type TransferPaymentDto,
  type UpdateDraftDto,
  type VoidInvoiceDto,
} from './invoices.dto';
import { AggregateRepository, type CommandMeta, newId, requireActiveCustomer } from '#commands';

export class IssueInvoiceCommand extends Command<CommandResult> {
  constructor(
    readonly body: IssueInvoiceDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** IssueInvoice for an existing draft: it gets its number and dates now. */
export class IssueDraftCommand extends Command<CommandResult> {
  constructor(
    readonly invoiceId: string,
    readonly dates: IssueDraftDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

const linesOf = (lines: readonly Parameters<typeof lineInput>[0][]) => lines.map(lineInput);

/** What issuing needs besides the number: everything of IssueInvoice the handler decides. */
type Issuing = Omit<IssueInvoice, 'type' | 'number' | 'settle' | 'now'>;

type SettleChoice = { kind: InvoiceKind; dealId?: string; settles?: string[] };

/**
 * Issuing takes the next number of the year from `invoice-series-<year>` (optimistic
 * concurrency, one number per invoice id), marks the prepayments it deducts as settled by it
 * (each in its own stream, so two invoices never deduct one prepayment), then appends
 * InvoiceIssued. The command is checked against the rules before a number is taken, so a
 * rejected invoice burns no number and settles nothing.
 */
@CommandHandler(IssueInvoiceCommand)
export class IssueInvoiceHandler implements ICommandHandler<IssueInvoiceCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly lookup: InvoiceLookup,
  ) {}

  async execute({ body, meta }: IssueInvoiceCommand): Promise<CommandResult> {
    await requireActiveCustomer(this.repository, body.customerId);
    const copied = await this.copiedLines(body);
    const invoiceId = newId(meta, 'invoice', body.invoiceId);
    return this.issue(
      {
        invoiceId,
        kind: body.kind,
        customerId: body.customerId,
        ...(body.dealId ? { dealId: body.dealId } : {}),
        ...(copied ? { offerId: copied.offerId } : {}),
        currency: body.currency,
        issuedOn: body.issuedOn,
        dueOn: body.dueOn,
        lines: copied?.lines ?? linesOf(body.lines ?? []),
        ...(body.paymentReference ? { paymentReference: body.paymentReference } : {}),
        referenceScheme: body.referenceScheme ?? 'estonian',
      },
      body,
      meta,
    );
  }

  /** Issues a draft as it stands, with the dates given now. */
  async issueDraft(invoiceId: string, body: IssueDraftDto, meta: CommandMeta) {
    const { state } = await this.repository.load(`invoice-${invoiceId}`, invoiceDecider);
    if (state.status === 'none') throw notFound('invoice', invoiceId);
    if (state.status === 'draft') await requireActiveCustomer(this.repository, state.customerId);
    const draft =
      state.status === 'draft' || state.status === 'discarded' ? state.content : undefined;
    const kind = draft?.kind ?? 'standard';
    return this.issue(
      {
        invoiceId,
        kind,
        customerId: state.customerId,
        ...(draft?.dealId ? { dealId: draft.dealId } : {}),
        ...(draft?.offerId ? { offerId: draft.offerId } : {}),
        currency: draft?.currency ?? '',
        issuedOn: body.issuedOn,
        dueOn: body.dueOn,
        lines: linesOf(draft?.lines ?? []),
        ...(body.paymentReference ? { paymentReference: body.paymentReference } : {}),
        referenceScheme: body.referenceScheme ?? 'estonian',
      },
      { kind, ...(draft?.dealId ? { dealId: draft.dealId } : {}), settles: body.settles },
      meta,
    );
  }

  private async issue(
    issuing: Issuing,
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
    const command = (number: string): IssueInvoice => ({
      type: 'IssueInvoice',
      ...issuing,
      number,
      settle,
      now: meta.now,
    });
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
              now: meta.now,
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
   * Without lines, an invoice copies the lines of an accepted offer: the one named, or the
   * deal's only accepted one.
   */
  private async copiedLines(body: IssueInvoiceDto | DraftInvoiceDto) {
    if (body.lines && body.offerId)
      throw problem(400, 'invalid-input', 'Invalid input', 'Send lines or an offerId, not both');
    if (!body.dealId) {
      if (body.offerId)
        throw problem(400, 'invalid-input', 'Invalid input', 'offerId needs dealId');
      if (!body.lines)
        throw problem(
          400,
          'invalid-input',
          'Invalid input',
          'Send lines, or a dealId to copy from',
        );
      return undefined;
    }
    const deal = await this.repository.load(`deal-${body.dealId}`, dealDecider);
    if (deal.state.status === 'none') throw notFound('deal', body.dealId);
    checkDealOfCustomer(deal.state, body.customerId);
    if (body.lines) return undefined;
    return offerLinesFor(deal.state, body.currency, body.offerId);
  }

  /** The draft's content, for InvoiceDraftHandler: offer lines copied the same way. */
  draftLines(body: DraftInvoiceDto) {
    return this.copiedLines(body);
  }
}

@CommandHandler(IssueDraftCommand)
export class IssueDraftHandler implements ICommandHandler<IssueDraftCommand> {
  constructor(private readonly issuing: IssueInvoiceHandler) {}

  execute({ invoiceId, dates, meta }: IssueDraftCommand): Promise<CommandResult> {
    return this.issuing.issueDraft(invoiceId, dates, meta);
  }
}

type InvoiceAction =
  | { type: 'SendInvoice'; body: SendInvoiceDto }
  | { type: 'RecordPayment'; body: RecordPaymentDto }
  | { type: 'RecordRefund'; body: RecordRefundDto }
  | { type: 'TransferPayment'; body: TransferPaymentDto }
  | { type: 'IssueCreditNote'; body: IssueCreditNoteDto }
  | { type: 'VoidInvoice'; body: VoidInvoiceDto };

/** The commands on an issued invoice. */
export class InvoiceActionCommand extends Command<CommandResult> {
  constructor(
    readonly invoiceId: string,
    readonly action: InvoiceAction,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(InvoiceActionCommand)
export class InvoiceActionHandler implements ICommandHandler<InvoiceActionCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ invoiceId, action, meta }: InvoiceActionCommand): Promise<CommandResult> {
    const stream = `invoice-${invoiceId}`;
    const on = { invoiceId, now: meta.now };
    const run = async (command: Parameters<typeof invoiceDecider.decide>[0]) => {
      const r = await this.repository.execute(stream, invoiceDecider, meta, (s) =>
        invoiceDecider.decide(command, s),
      );
      return { id: invoiceId, revision: r.revision, position: r.position };
    };
    switch (action.type) {
      case 'SendInvoice':
        return run({ type: 'SendInvoice', ...on, ...action.body });
      case 'RecordPayment': {
        const { paymentId, allowOverpayment, reference, ...payment } = action.body;
        const id = paymentId ?? newId(meta, 'payment');
        const r = await run({
          type: 'RecordPayment',
          ...on,
          ...payment,
          paymentId: id,
          ...(reference ? { reference } : {}),
          allowOverpayment: allowOverpayment ?? false,
        });
        return { ...r, paymentId: id };
      }
      case 'RecordRefund': {
        const { refundId, ...refund } = action.body;
        const id = refundId ?? newId(meta, 'refund');
        return {
          ...(await run({ type: 'RecordRefund', ...on, ...refund, refundId: id })),
          refundId: id,
        };
      }
      case 'TransferPayment':
        return this.transfer(invoiceId, action.body, meta);
      case 'IssueCreditNote':
        return this.creditNote(invoiceId, action.body, meta);
      case 'VoidInvoice':
        return this.voidInvoice(invoiceId, action.body, meta);
    }
  }

  /**
   * Moves money to another invoice of the customer: checked on both invoices first, then
   * recorded as moved out here and as a payment there, under ids derived from the transfer,
   * so a retried request finishes an interrupted move and never moves twice.
   */
  private async transfer(invoiceId: string, body: TransferPaymentDto, meta: CommandMeta) {
    const transferId = newId(meta, 'transfer', body.transferId);
    const source = issuedOf(
      (await this.repository.load(`invoice-${invoiceId}`, invoiceDecider)).state,
      invoiceId,
    );
    const target = await this.repository.load(`invoice-${body.toInvoiceId}`, invoiceDecider);
    const to = issuedOf(target.state, body.toInvoiceId);
    const payment = {
      type: 'RecordPayment' as const,
      invoiceId: to.invoiceId,
      paymentId: `transfer:${transferId}`,
      amount: body.amount,
      currency: source.currency,
      paidOn: businessDay(meta.now),
      transferredFrom: { invoiceId, number: source.number, transferId },
      allowOverpayment: false,
      now: meta.now,
    };
    const moving = {
      type: 'TransferPayment' as const,
      invoiceId,
      transferId,
      amount: body.amount,
      to,
      now: meta.now,
    };
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
  private async creditNote(invoiceId: string, body: IssueCreditNoteDto, meta: CommandMeta) {
    if ((body.lines === undefined) === (body.amount === undefined))
      throw problem(
        400,
        'invalid-input',
        'Invalid input',
        'Send lines or an amount to credit, one of them',
      );
    const creditNoteId = newId(meta, 'credit-note', body.creditNoteId);
    const today = businessDay(meta.now);
    const command = (creditNoteNumber: string) => ({
      type: 'IssueCreditNote' as const,
      invoiceId,
      creditNoteId,
      creditNoteNumber,
      today,
      reason: body.reason,
      selection: body.lines
        ? {
            lines: body.lines.map((l) => ({
              line: l.line - 1,
              ...(l.quantity ? { quantity: l.quantity } : {}),
            })),
          }
        : {
            amount: {
              gross: body.amount!.gross,
              vatRate: body.amount!.vatRate,
              description: body.amount!.description ?? body.reason,
            },
          },
      now: meta.now,
    });
    const number = await this.creditNoteNumber(invoiceId, creditNoteId, today, meta, command);
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
    invoiceId: string,
    key: string,
    today: string,
    meta: CommandMeta,
    command: (number: string) => Parameters<typeof invoiceDecider.decide>[0],
  ): Promise<string> {
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
  private async voidInvoice(invoiceId: string, body: VoidInvoiceDto, meta: CommandMeta) {
    const today = businessDay(meta.now);
    const command = (creditNoteNumber: string) => ({
      type: 'VoidInvoice' as const,
      invoiceId,
      reason: body.reason,
      creditNoteNumber,
      today,
      now: meta.now,
    });
    // The void's number is keyed by the invoice id: an invoice is voided once.
    const number = await this.creditNoteNumber(invoiceId, invoiceId, today, meta, command);
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
              now: meta.now,
            },
            s,
          ),
      );
      position = Math.max(position, released.position);
    }
    return { id: invoiceId, revision: r.revision, position, creditNoteNumber: number };
  }
}

type DraftAction =
  | { type: 'DraftInvoice'; body: DraftInvoiceDto }
  | { type: 'UpdateInvoiceDraft'; invoiceId: string; body: UpdateDraftDto }
  | { type: 'DiscardInvoiceDraft'; invoiceId: string; body: DiscardDraftDto };

/** Drafts: prepared, changed and discarded without taking a number. */
export class InvoiceDraftCommand extends Command<CommandResult> {
  constructor(
    readonly action: DraftAction,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(InvoiceDraftCommand)
export class InvoiceDraftHandler implements ICommandHandler<InvoiceDraftCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly issuing: IssueInvoiceHandler,
  ) {}

  async execute({ action, meta }: InvoiceDraftCommand): Promise<CommandResult> {
    const invoiceId =
      action.type === 'DraftInvoice'
        ? newId(meta, 'invoice', action.body.invoiceId)
        : action.invoiceId;
    const command = await this.command(invoiceId, action, meta);
    const r = await this.repository.execute(`invoice-${invoiceId}`, invoiceDecider, meta, (s) =>
      invoiceDecider.decide(
        command.type === 'UpdateInvoiceDraft' && s.status === 'draft'
          ? { ...command, customerId: s.customerId, ...draftLinks(s.content) }
          : command,
        s,
      ),
    );
    return { id: invoiceId, revision: r.revision, position: r.position };
  }

  private async command(invoiceId: string, action: DraftAction, meta: CommandMeta) {
    switch (action.type) {
      case 'DraftInvoice': {
        const { body } = action;
        await requireActiveCustomer(this.repository, body.customerId);
        const copied = await this.issuing.draftLines(body);
        return {
          type: 'DraftInvoice' as const,
          invoiceId,
          kind: body.kind,
          customerId: body.customerId,
          ...(body.dealId ? { dealId: body.dealId } : {}),
          ...(copied ? { offerId: copied.offerId } : {}),
          currency: body.currency,
          lines: copied?.lines ?? linesOf(body.lines ?? []),
          now: meta.now,
        };
      }
      case 'UpdateInvoiceDraft':
        return {
          type: 'UpdateInvoiceDraft' as const,
          invoiceId,
          kind: action.body.kind,
          customerId: '',
          currency: action.body.currency,
          lines: linesOf(action.body.lines),
          now: meta.now,
        };
      case 'DiscardInvoiceDraft':
        return {
          type: 'DiscardInvoiceDraft' as const,
          invoiceId,
          ...(action.body.reason ? { reason: action.body.reason } : {}),
          now: meta.now,
        };
    }
  }
}

const draftLinks = (content: { dealId?: string; offerId?: string }) => ({
  ...(content.dealId ? { dealId: content.dealId } : {}),
  ...(content.offerId ? { offerId: content.offerId } : {}),
});
