import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  dealDecider,
  type IssueInvoice,
  invoiceDecider,
  invoiceSeriesDecider,
  notFound,
} from '#domain';
import { problem } from '#platform';
import { AggregateRepository } from '../command-handling/aggregate-repository';
import { requireActiveCustomer } from '../customers/active-customer';
import { type CommandMeta, newId } from '../command-handling/command-meta';
import { type CommandResult } from '../command-handling/command-result';
import { type IssueInvoiceDto } from './invoices.dto';

export class IssueInvoiceCommand extends Command<CommandResult> {
  constructor(
    readonly body: IssueInvoiceDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

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
    if (body.dealId) {
      const deal = await this.repository.load(`deal-${body.dealId}`, dealDecider);
      if (deal.state.status === 'none') throw notFound('deal', body.dealId);
      if (deal.state.customerId !== body.customerId)
        throw problem(
          409,
          'deal-of-another-customer',
          'Deal belongs to another customer',
          `Deal ${body.dealId} is not ${body.customerId}'s`,
        );
    }
    const invoiceId = newId(meta, 'invoice', body.invoiceId);
    const stream = `invoice-${invoiceId}`;
    const existing = await this.repository.load(stream, invoiceDecider);
    if (existing.commands.has(meta.commandId) && existing.state.status === 'issued')
      return {
        id: invoiceId,
        revision: existing.revision,
        position: existing.position,
        number: existing.state.number,
      };

    const { invoiceId: _i, lines, ...rest } = body;
    const command = (number: string): IssueInvoice => ({
      type: 'IssueInvoice',
      ...rest,
      invoiceId,
      number,
      lines: lines.map((l) => ({ ...l, discountPercent: l.discountPercent ?? 0 })),
      now: meta.now,
    });
    invoiceDecider.decide(command('pending'), existing.state);

    const year = Number(body.issuedOn.slice(0, 4));
    const series = await this.repository.execute(
      `invoice-series-${year}`,
      invoiceSeriesDecider,
      meta,
      (state) =>
        invoiceSeriesDecider.decide({ type: 'AssignInvoiceNumber', year, invoiceId }, state),
    );
    const number = series.state.numbers.get(invoiceId);
    if (number === undefined) throw new Error(`No number was assigned to invoice ${invoiceId}`);
    const issued = await this.repository.execute(stream, invoiceDecider, meta, (state) =>
      invoiceDecider.decide(command(number), state),
    );
    return { id: invoiceId, revision: issued.revision, position: issued.position, number };
  }
}
