import { ApiOperation } from '@nestjs/swagger';
import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { uuidParam } from '#platform';
import { AggregateRepository, type CommandMeta, invoiceLinesFrom } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import { InvoiceCommandMessage, InvoiceProcessMessage } from './invoices.commands';
import {
  discardDraft,
  draftInvoice,
  issueCreditNote,
  issueDraft,
  issueInvoice,
  recordPayment,
  recordRefund,
  sendInvoice,
  transferPayment,
  updateDraft,
  voidInvoice,
} from './invoice-requests';
import {
  DiscardDraftDto,
  DraftInvoiceDto,
  IssueDraftDto,
  IssueCreditNoteDto,
  IssueInvoiceDto,
  InvoiceLineDto,
  RecordPaymentDto,
  RecordRefundDto,
  TransferPaymentDto,
  SendInvoiceDto,
  UpdateDraftDto,
  VoidInvoiceDto,
} from './invoices.dto';

@CommandController('invoices')
export class InvoicesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly repository: AggregateRepository,
  ) {}

  /**
   * The lines sent, completed from the catalogue where they name a product; none read when an
   * offer is named too, which the request is refused for (400) before anything is looked up.
   */
  private lines(body: {
    lines?: InvoiceLineDto[] | undefined;
    offerId?: string | undefined;
    currency: string;
  }) {
    return body.lines && !body.offerId
      ? invoiceLinesFrom(this.repository, body.lines, body.currency)
      : undefined;
  }

  @ApiOperation({ summary: 'Issue an invoice (IssueInvoice)' })
  @Post()
  @HttpCode(201)
  async issue(@Body() body: IssueInvoiceDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const command = new InvoiceProcessMessage(
      issueInvoice(body, await this.lines(body), meta),
      meta,
    );
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({
    summary: 'Save an invoice draft',
    description: 'A draft: no number and no dates yet; edit it, then issue or discard it.',
  })
  @Post('drafts')
  @HttpCode(201)
  async draft(@Body() body: DraftInvoiceDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const command = new InvoiceCommandMessage(
      draftInvoice(body, await this.lines(body), meta),
      meta,
    );
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({ summary: 'Change an invoice draft' })
  @Post(':id/draft')
  @HttpCode(200)
  async updateDraft(
    @Param('id', uuidParam()) invoiceId: string,
    @Body() body: UpdateDraftDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const lines = await invoiceLinesFrom(this.repository, body.lines, body.currency);
    const command = new InvoiceCommandMessage(updateDraft(invoiceId, body, lines, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({ summary: 'Discard an invoice draft' })
  @Post(':id/discard')
  @HttpCode(200)
  async discard(
    @Param('id', uuidParam()) invoiceId: string,
    @Body() body: DiscardDraftDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InvoiceCommandMessage(discardDraft(invoiceId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: 'Issue an invoice draft: it gets its number',
    description: 'IssueInvoice for a draft: takes the next number of the issue year.',
  })
  @Post(':id/issue')
  @HttpCode(200)
  async issueDraft(
    @Param('id', uuidParam()) invoiceId: string,
    @Body() body: IssueDraftDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InvoiceProcessMessage(issueDraft(invoiceId, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({ summary: 'Record that an invoice was sent' })
  @Post(':id/send')
  @HttpCode(200)
  async send(
    @Param('id', uuidParam()) id: string,
    @Body() body: SendInvoiceDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InvoiceCommandMessage(sendInvoice(id, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: 'Record a payment on an invoice',
    description:
      "RecordPayment: partial payments add up; above what is owed only with allowOverpayment. Paid on `paidOn`, today or earlier (409 `paid-in-future`). `paymentId` is the bank's transaction id: the same id again is the same payment (nothing more is recorded), with another amount 409 `payment-id-taken`.",
  })
  @Post(':id/payments')
  @HttpCode(201)
  async pay(
    @Param('id', uuidParam()) id: string,
    @Body() body: RecordPaymentDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InvoiceCommandMessage(recordPayment(id, body, meta), meta);
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({
    summary: 'Record a refund of money paid on an invoice',
    description:
      'RecordRefund: money paid back, up to what was paid and not refunded or moved; dated from the first payment (409 `refund-before-payment`) to today (409 `refunded-in-future`); the same `refundId` again is the same refund, with another amount 409 `refund-id-taken`.',
  })
  @Post(':id/refunds')
  @HttpCode(201)
  async refund(
    @Param('id', uuidParam()) id: string,
    @Body() body: RecordRefundDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InvoiceCommandMessage(recordRefund(id, body, meta), meta);
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({
    summary: 'Move money paid on an invoice to another invoice',
    description:
      'TransferPayment: money paid here (an overpayment, a misdirected payment) pays another invoice of the customer.',
  })
  @Post(':id/transfers')
  @HttpCode(201)
  async transfer(
    @Param('id', uuidParam()) id: string,
    @Body() body: TransferPaymentDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InvoiceProcessMessage(transferPayment(id, body, meta), meta);
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({
    summary: 'Issue a credit note taking part of an invoice off',
    description: 'IssueCreditNote: credits chosen lines or an amount, numbered `CN-YYYY-NNNNNN`.',
  })
  @Post(':id/credit-notes')
  @HttpCode(201)
  async creditNote(
    @Param('id', uuidParam()) id: string,
    @Body() body: IssueCreditNoteDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InvoiceProcessMessage(issueCreditNote(id, body, meta), meta);
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({
    summary: 'Void an invoice with a full credit note',
    description: 'VoidInvoice: issues a credit note with its own gapless number.',
  })
  @Post(':id/void')
  @HttpCode(200)
  async void(
    @Param('id', uuidParam()) id: string,
    @Body() body: VoidInvoiceDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InvoiceProcessMessage(voidInvoice(id, body, meta), meta);
    return answer(await this.commands.execute(command), false);
  }
}
