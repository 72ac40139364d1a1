import {
  type InvoiceRequest,
  type InvoiceProcessRequest,
  type LinesFrom,
} from './invoices.commands';
import { businessDay, type CommandMeta, newId } from '#commands';
import { type InvoiceLineInput } from '#domain';
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

/** The invoicing requests as the domain's commands: the one shape the handlers take. */

/**
 * Lines given (`lines`, completed from the catalogue), or an offer of the deal to copy them
 * from: one of the two (the DTO's rules, kept by the validation pipe).
 */
const linesFrom = (
  body: IssueInvoiceDto | DraftInvoiceDto,
  lines: InvoiceLineInput[] | undefined,
): LinesFrom => (lines ? { lines } : { offerOf: body.offerId ? { offerId: body.offerId } : {} });

const dealOf = (body: { dealId?: string }) => (body.dealId ? { dealId: body.dealId } : {});

export const issueInvoice = (
  body: IssueInvoiceDto,
  lines: InvoiceLineInput[] | undefined,
  meta: CommandMeta,
): InvoiceProcessRequest => ({
  type: 'IssueInvoice',
  invoiceId: newId(meta, 'invoice', body.invoiceId),
  kind: body.kind,
  customerId: body.customerId,
  ...dealOf(body),
  currency: body.currency,
  issuedOn: body.issuedOn,
  dueOn: body.dueOn,
  from: linesFrom(body, lines),
  ...(body.paymentReference ? { paymentReference: body.paymentReference } : {}),
  referenceScheme: body.referenceScheme ?? 'estonian',
  ...(body.settles ? { settles: body.settles } : {}),
  now: meta.now,
});

export const issueDraft = (
  invoiceId: string,
  body: IssueDraftDto,
  meta: CommandMeta,
): InvoiceProcessRequest => ({
  type: 'IssueInvoiceDraft',
  invoiceId,
  issuedOn: body.issuedOn,
  dueOn: body.dueOn,
  ...(body.paymentReference ? { paymentReference: body.paymentReference } : {}),
  referenceScheme: body.referenceScheme ?? 'estonian',
  ...(body.settles ? { settles: body.settles } : {}),
  now: meta.now,
});

export const draftInvoice = (
  body: DraftInvoiceDto,
  lines: InvoiceLineInput[] | undefined,
  meta: CommandMeta,
): InvoiceRequest => ({
  type: 'DraftInvoice',
  invoiceId: newId(meta, 'invoice', body.invoiceId),
  kind: body.kind,
  customerId: body.customerId,
  ...dealOf(body),
  currency: body.currency,
  from: linesFrom(body, lines),
  now: meta.now,
});

export const updateDraft = (
  invoiceId: string,
  body: UpdateDraftDto,
  lines: InvoiceLineInput[],
  meta: CommandMeta,
): InvoiceRequest => ({
  type: 'UpdateInvoiceDraft',
  invoiceId,
  kind: body.kind,
  currency: body.currency,
  lines,
  now: meta.now,
});

export const discardDraft = (
  invoiceId: string,
  body: DiscardDraftDto,
  meta: CommandMeta,
): InvoiceRequest => ({
  type: 'DiscardInvoiceDraft',
  invoiceId,
  ...(body.reason ? { reason: body.reason } : {}),
  now: meta.now,
});

export const sendInvoice = (
  invoiceId: string,
  body: SendInvoiceDto,
  meta: CommandMeta,
): InvoiceRequest => ({ type: 'SendInvoice', invoiceId, ...body, now: meta.now });

export const recordPayment = (
  invoiceId: string,
  body: RecordPaymentDto,
  meta: CommandMeta,
): InvoiceRequest => {
  const { paymentId, allowOverpayment, reference, ...payment } = body;
  return {
    type: 'RecordPayment',
    invoiceId,
    ...payment,
    paymentId: paymentId ?? newId(meta, 'payment'),
    ...(reference ? { reference } : {}),
    allowOverpayment: allowOverpayment ?? false,
    today: businessDay(meta.now),
    now: meta.now,
  };
};

export const recordRefund = (
  invoiceId: string,
  body: RecordRefundDto,
  meta: CommandMeta,
): InvoiceRequest => {
  const { refundId, ...refund } = body;
  return {
    type: 'RecordRefund',
    invoiceId,
    ...refund,
    refundId: refundId ?? newId(meta, 'refund'),
    today: businessDay(meta.now),
    now: meta.now,
  };
};

export const transferPayment = (
  invoiceId: string,
  body: TransferPaymentDto,
  meta: CommandMeta,
): InvoiceProcessRequest => ({
  type: 'TransferPayment',
  invoiceId,
  transferId: newId(meta, 'transfer', body.transferId),
  amount: body.amount,
  toInvoiceId: body.toInvoiceId,
  now: meta.now,
});

export const issueCreditNote = (
  invoiceId: string,
  body: IssueCreditNoteDto,
  meta: CommandMeta,
): InvoiceProcessRequest => {
  // Lines or an amount, one of them: the DTO's rule, kept by the validation pipe.
  const { lines, amount } = body;
  return {
    type: 'IssueCreditNote',
    invoiceId,
    creditNoteId: newId(meta, 'credit-note', body.creditNoteId),
    today: businessDay(meta.now),
    reason: body.reason,
    selection: lines
      ? {
          lines: lines.map((l) => ({
            line: l.line - 1,
            ...(l.quantity ? { quantity: l.quantity } : {}),
          })),
        }
      : {
          amount: {
            gross: amount!.gross,
            vatRate: amount!.vatRate,
            description: amount!.description ?? body.reason,
          },
        },
    now: meta.now,
  };
};

export const voidInvoice = (
  invoiceId: string,
  body: VoidInvoiceDto,
  meta: CommandMeta,
): InvoiceProcessRequest => ({
  type: 'VoidInvoice',
  invoiceId,
  reason: body.reason,
  today: businessDay(meta.now),
  now: meta.now,
});
