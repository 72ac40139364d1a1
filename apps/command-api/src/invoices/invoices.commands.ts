import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  creditNoteSeriesDecider,
  dealDecider,
  type IssueInvoice,
  invoiceDecider,
  invoiceSeriesDecider,
  notFound,
  violated,
} from '#domain';
import { problem } from '#platform';
import { AggregateRepository } from '../command-handling/aggregate-repository';
import { businessDay, lineInput } from '../command-handling/business-day';
import { type CommandMeta, newId } from '../command-handling/command-meta';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveCustomer } from '../customers/active-customer';
import {
  type DiscardDraftDto,
  type DraftInvoiceDto,
  type IssueDraftDto,
  type IssueInvoiceDto,
  type RecordPaymentDto,
  type SendInvoiceDto,
  type UpdateDraftDto,
  type VoidInvoiceDto,
} from './invoices.dto';

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

/**
 * Issuing takes the next number of the year from `invoice-series-<year>` (optimistic
 * concurrency, one number per invoice id), then appends InvoiceIssued. The command is checked
 * against the rules before a number is taken, so a rejected invoice never burns a number.
 */
@CommandHandler(IssueInvoiceCommand)
export class IssueInvoiceHandler implements ICommandHandler<IssueInvoiceCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ body, meta }: IssueInvoiceCommand): Promise<CommandResult> {
    await requireActiveCustomer(this.repository, body.customerId);
    const copied = await copiedLines(this.repository, body);
    const invoiceId = newId(meta, 'invoice', body.invoiceId);
    const { invoiceId: _i, lines, offerId: _o, ...rest } = body;
    return this.issue(
      invoiceId,
      (number) => ({
        type: 'IssueInvoice',
        ...rest,
        ...(copied ? { offerId: copied.offerId } : {}),
        invoiceId,
        number,
        lines: copied?.lines ?? linesOf(lines ?? []),
        now: meta.now,
      }),
      meta,
    );
  }

  /** Issues a draft as it stands, with the dates given now. */
  async issueDraft(
    invoiceId: string,
    dates: { issuedOn: string; dueOn: string },
    meta: CommandMeta,
  ): Promise<CommandResult> {
    const { state } = await this.repository.load(`invoice-${invoiceId}`, invoiceDecider);
    if (state.status === 'none') throw notFound('invoice', invoiceId);
    if (state.status === 'draft') await requireActiveCustomer(this.repository, state.customerId);
    const draft =
      state.status === 'draft' || state.status === 'discarded' ? state.content : undefined;
    return this.issue(
      invoiceId,
      (number) => ({
        type: 'IssueInvoice',
        invoiceId,
        number,
        kind: draft?.kind ?? 'standard',
        customerId: state.customerId,
        ...(draft?.dealId ? { dealId: draft.dealId } : {}),
        ...(draft?.offerId ? { offerId: draft.offerId } : {}),
        currency: draft?.currency ?? '',
        issuedOn: dates.issuedOn,
        dueOn: dates.dueOn,
        lines: linesOf(draft?.lines ?? []),
        now: meta.now,
      }),
      meta,
    );
  }

  private async issue(
    invoiceId: string,
    command: (number: string) => IssueInvoice,
    meta: CommandMeta,
  ): Promise<CommandResult> {
    const stream = `invoice-${invoiceId}`;
    const existing = await this.repository.load(stream, invoiceDecider);
    if (existing.commands.has(meta.commandId) && 'number' in existing.state)
      return {
        id: invoiceId,
        revision: existing.revision,
        position: existing.position,
        number: existing.state.number,
      };
    const checked = command('pending');
    invoiceDecider.decide(checked, existing.state);

    const year = Number(checked.issuedOn.slice(0, 4));
    const series = await this.repository.execute(
      `invoice-series-${year}`,
      invoiceSeriesDecider,
      meta,
      (state) => invoiceSeriesDecider.decide({ type: 'AssignNumber', year, invoiceId }, state),
    );
    const number = series.state.numbers.get(invoiceId);
    if (number === undefined) throw new Error(`No number was assigned to invoice ${invoiceId}`);
    const issued = await this.repository.execute(stream, invoiceDecider, meta, (state) =>
      invoiceDecider.decide(command(number), state),
    );
    return { id: invoiceId, revision: issued.revision, position: issued.position, number };
  }
}

@CommandHandler(IssueDraftCommand)
export class IssueDraftHandler implements ICommandHandler<IssueDraftCommand> {
  constructor(private readonly issuing: IssueInvoiceHandler) {}

  execute({ invoiceId, dates, meta }: IssueDraftCommand): Promise<CommandResult> {
    return this.issuing.issueDraft(invoiceId, dates, meta);
  }
}

type CopySource = Pick<IssueInvoiceDto, 'lines' | 'offerId' | 'dealId' | 'customerId' | 'currency'>;

/**
 * Without lines, an invoice copies the lines of an accepted offer: the one named, or the
 * deal's only accepted one.
 */
const copiedLines = async (repository: AggregateRepository, body: CopySource) => {
  if (body.lines && body.offerId)
    throw problem(400, 'invalid-input', 'Invalid input', 'Send lines or an offerId, not both');
  if (!body.dealId) {
    if (body.offerId) throw problem(400, 'invalid-input', 'Invalid input', 'offerId needs dealId');
    if (!body.lines)
      throw problem(400, 'invalid-input', 'Invalid input', 'Send lines, or a dealId to copy from');
    return undefined;
  }
  const deal = await repository.load(`deal-${body.dealId}`, dealDecider);
  if (deal.state.status === 'none') throw notFound('deal', body.dealId);
  if (deal.state.customerId !== body.customerId)
    throw violated('deal-of-another-customer', `Deal ${body.dealId} is another customer's`);
  if (body.lines) return undefined;
  const accepted = Object.values(deal.state.offers).filter((o) => o.status === 'accepted');
  const offer = body.offerId
    ? deal.state.offers[body.offerId]
    : accepted.length === 1
      ? accepted[0]
      : undefined;
  if (body.offerId && !offer) throw notFound('offer', body.offerId);
  if (!offer)
    throw violated(
      accepted.length === 0 ? 'no-accepted-offer' : 'offer-required',
      accepted.length === 0
        ? 'The deal has no accepted offer to copy lines from'
        : 'The deal has several accepted offers; name one with offerId',
    );
  if (offer.status !== 'accepted')
    throw violated('offer-not-accepted', 'Only an accepted offer is invoiced');
  if (offer.currency !== body.currency)
    throw violated('currency-mismatch', `The offer is in ${offer.currency}`);
  return { offerId: offer.offerId, lines: linesOf(offer.lines) };
};

type InvoiceAction =
  | { type: 'SendInvoice'; body: SendInvoiceDto }
  | { type: 'RecordPayment'; body: RecordPaymentDto }
  | { type: 'VoidInvoice'; body: VoidInvoiceDto };

/** SendInvoice, RecordPayment and VoidInvoice on an issued invoice. */
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
    switch (action.type) {
      case 'SendInvoice': {
        const r = await this.repository.execute(stream, invoiceDecider, meta, (s) =>
          invoiceDecider.decide({ type: 'SendInvoice', ...on, ...action.body }, s),
        );
        return { id: invoiceId, revision: r.revision, position: r.position };
      }
      case 'RecordPayment': {
        const { paymentId, allowOverpayment, reference, ...payment } = action.body;
        const id = newId(meta, 'payment', paymentId);
        const r = await this.repository.execute(stream, invoiceDecider, meta, (s) =>
          invoiceDecider.decide(
            {
              type: 'RecordPayment',
              ...on,
              ...payment,
              paymentId: id,
              ...(reference ? { reference } : {}),
              allowOverpayment: allowOverpayment ?? false,
            },
            s,
          ),
        );
        return { id: invoiceId, revision: r.revision, position: r.position, paymentId: id };
      }
      case 'VoidInvoice':
        return this.voidInvoice(invoiceId, action.body, meta);
    }
  }

  /** Checks the rules, takes the credit note's number from its own series, then voids. */
  private async voidInvoice(invoiceId: string, body: VoidInvoiceDto, meta: CommandMeta) {
    const stream = `invoice-${invoiceId}`;
    const today = businessDay(meta.now);
    const command = (creditNoteNumber: string) => ({
      type: 'VoidInvoice' as const,
      invoiceId,
      reason: body.reason,
      creditNoteNumber,
      today,
      now: meta.now,
    });
    const existing = await this.repository.load(stream, invoiceDecider);
    if (!existing.commands.has(meta.commandId))
      invoiceDecider.decide(command('pending'), existing.state);
    const year = Number(today.slice(0, 4));
    const series = await this.repository.execute(
      `credit-note-series-${year}`,
      creditNoteSeriesDecider,
      meta,
      (state) => creditNoteSeriesDecider.decide({ type: 'AssignNumber', year, invoiceId }, state),
    );
    const number = series.state.numbers.get(invoiceId);
    if (number === undefined) throw new Error(`No credit note number for invoice ${invoiceId}`);
    const r = await this.repository.execute(stream, invoiceDecider, meta, (s) =>
      invoiceDecider.decide(command(number), s),
    );
    return { id: invoiceId, revision: r.revision, position: r.position, creditNoteNumber: number };
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
  constructor(private readonly repository: AggregateRepository) {}

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
        const copied = await copiedLines(this.repository, body);
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
