import { collections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/**
 * Invoices with what was paid, when they were first sent and their credit note. The status
 * (issued, sent, partially paid, paid, void) is derived from these facts when read, and
 * overdue from the due date.
 */
export const invoicesProjection: Projection = {
  name: collections.invoices,
  indexes: [
    [collections.invoices, ['customerId', 'issuedOn']],
    [collections.invoices, ['issuedOn']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      const invoice = (id: string, update: Parameters<typeof upsert>[3]) =>
        upsert(stored, collections.invoices, id, update);
      switch (event.type) {
        case 'InvoiceDrafted':
        case 'InvoiceDraftUpdated': {
          const { invoiceId, ...rest } = event.data;
          return invoice(invoiceId, {
            $set: { ...rest, draft: true },
            $setOnInsert: { paid: 0, overpaid: 0 },
          });
        }
        case 'InvoiceDraftDiscarded':
          return invoice(event.data.invoiceId, {
            $set: { discardedAt: event.data.discardedAt },
          });
        case 'InvoiceIssued': {
          const { invoiceId, ...rest } = event.data;
          return invoice(invoiceId, {
            $set: { ...rest, draft: false },
            $setOnInsert: { paid: 0, overpaid: 0 },
          });
        }
        case 'InvoiceSent':
          return invoice(event.data.invoiceId, {
            $min: { sentAt: event.data.sentAt },
            $set: {
              lastSent: {
                channel: event.data.channel,
                recipient: event.data.recipient,
                at: event.data.sentAt,
              },
            },
          });
        case 'PaymentRecorded': {
          const { invoiceId, customerId: _c, ...payment } = event.data;
          return invoice(invoiceId, {
            $inc: { paid: payment.amount, overpaid: payment.overpaid },
            $max: { lastPaidOn: payment.paidOn },
            $push: { payments: payment },
          });
        }
        case 'InvoiceVoided':
          return invoice(event.data.invoiceId, {
            $set: {
              voidedAt: event.data.voidedAt,
              voidReason: event.data.reason,
              creditNote: event.data.creditNote,
            },
          });
        default:
          return [];
      }
    }),
};
