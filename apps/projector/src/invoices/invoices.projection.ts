import { ERASED, sendChannels } from '#events';
import { collections, invoiceStatusRank } from '#read-models';
import { type WriteOp } from '#read-store';
import { type Projection, typed, upsert } from '../projection';

/**
 * Invoices with what was paid, when they were first sent and their credit note. The status
 * only ever moves forward (draft → issued → sent → partially paid → paid → void; a draft may
 * end discarded), so each event raises a rank with `$max` and a replay or an out-of-order
 * sent-after-paid never moves it back. Overdue is read from the due date.
 */
export const invoicesProjection: Projection = {
  name: collections.invoices,
  indexes: [
    [collections.invoices, ['customerId', 'issuedOn']],
    [collections.invoices, ['issuedOn']],
    [collections.invoices, ['statusRank', 'dueOn']],
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
            $max: { statusRank: invoiceStatusRank.draft },
          });
        }
        case 'InvoiceDraftDiscarded':
          return invoice(event.data.invoiceId, {
            $set: { discardedAt: event.data.discardedAt },
            $max: { statusRank: invoiceStatusRank.discarded },
          });
        case 'InvoiceIssued': {
          const { invoiceId, ...rest } = event.data;
          return invoice(invoiceId, {
            $set: { ...rest, draft: false },
            $setOnInsert: { paid: 0, overpaid: 0 },
            $max: { statusRank: invoiceStatusRank.issued },
          });
        }
        case 'InvoiceSent':
          return invoice(event.data.invoiceId, {
            $min: { sentAt: event.data.sentAt },
            $max: { statusRank: invoiceStatusRank.sent },
            $set: {
              customerId: event.data.customerId,
              lastSent: {
                channel: event.data.channel,
                recipient: event.data.recipient,
                at: event.data.sentAt,
              },
            },
          });
        case 'CustomerPersonalDataErased':
          // Where the invoices went (an e-mail or postal address) is personal data.
          return sendChannels.map((channel): WriteOp => ({
            kind: 'setWhere',
            collection: collections.invoices,
            where: { customerId: event.data.customerId, 'lastSent.channel': channel },
            set: { 'lastSent.recipient': ERASED },
          }));
        case 'PaymentRecorded': {
          const { invoiceId, customerId: _c, ...payment } = event.data;
          return invoice(invoiceId, {
            $inc: { paid: payment.amount, overpaid: payment.overpaid },
            $max: {
              lastPaidOn: payment.paidOn,
              statusRank:
                payment.outstanding === 0
                  ? invoiceStatusRank.paid
                  : invoiceStatusRank.partially_paid,
            },
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
            $max: { statusRank: invoiceStatusRank.void },
          });
        default:
          return [];
      }
    }),
};
