import { amountOutstanding, amountOverpaid, type InvoiceBalance, invoiceStatusOf } from '#domain';
import { ERASED, sendChannels } from '#events';
import {
  collections,
  type InvoiceDoc,
  invoiceScope,
  invoiceShare,
  invoiceTotalsFields,
  invoiceStatusRank,
  owingRanks,
} from '#read-models';
import { applyUpdate, type Update, type WriteOp } from '#read-store';
import { type StoredEvent } from '#event-store';
import { type Lookup, type Projection, typed, upsert } from '../projection';

/** A status's rank, and whether the invoice is owed in it (what the overdue list walks). */
const ranked = (statusRank: number) => ({ statusRank, owing: owingRanks.includes(statusRank) });

/** The amounts an event changes, added to what the document holds. */
type Amounts = Partial<Pick<InvoiceBalance, 'paid' | 'refunded' | 'transferredOut' | 'credited'>>;

const balanceOf = (
  doc: Partial<InvoiceDoc> | undefined,
  add: Amounts,
  flags: Partial<InvoiceBalance>,
) => {
  const balance: InvoiceBalance = {
    totals: { gross: doc?.totals?.gross ?? 0 },
    paid: (doc?.paid ?? 0) + (add.paid ?? 0),
    refunded: (doc?.refunded ?? 0) + (add.refunded ?? 0),
    transferredOut: (doc?.transferredOut ?? 0) + (add.transferredOut ?? 0),
    credited: (doc?.credited ?? 0) + (add.credited ?? 0),
    sent: flags.sent ?? doc?.sent ?? false,
    voided: flags.voided ?? doc?.voided ?? false,
  };
  return balance;
};

/**
 * The status and what is owed, recomputed from the document as it was and what the event
 * adds: a refund or a move can take a paid invoice back to partly paid.
 */
const standing = (
  doc: Partial<InvoiceDoc> | undefined,
  add: Amounts,
  flags: Partial<InvoiceBalance> = {},
): Update => {
  const balance = balanceOf(doc, add, flags);
  const amounts = Object.fromEntries(Object.entries(add).filter(([, v]) => v !== 0));
  return {
    $set: {
      ...ranked(invoiceStatusRank[invoiceStatusOf(balance)]),
      outstanding: amountOutstanding(balance),
      overpaid: amountOverpaid(balance),
      sent: balance.sent,
      voided: balance.voided,
    },
    ...(Object.keys(amounts).length > 0 ? { $inc: amounts } : {}),
  };
};

const merge = (a: Update, b: Update): Update => ({
  ...a,
  ...b,
  $set: { ...a.$set, ...b.$set },
  ...(a.$inc || b.$inc ? { $inc: { ...a.$inc, ...b.$inc } } : {}),
});

/** The invoice with its texts about the customer erased, as a rebuild after the erasure reads them. */
const withoutPersonalTexts = (invoice: InvoiceDoc): Update => ({
  $set: {
    ...(invoice.payments
      ? { payments: invoice.payments.map(({ reference: _reference, ...payment }) => payment) }
      : {}),
    ...(invoice.refunds
      ? { refunds: invoice.refunds.map((refund) => ({ ...refund, reason: ERASED })) }
      : {}),
    ...(invoice.creditNotes
      ? { creditNotes: invoice.creditNotes.map((note) => ({ ...note, reason: ERASED })) }
      : {}),
    ...(invoice.voidReason !== undefined ? { voidReason: ERASED } : {}),
  },
});

/** The invoices a customer has, from the list the projection keeps per customer. */
const invoicesOf = (state: Lookup, customerId: string): string[] => {
  const owned = state(collections.invoiceCustomers, customerId) as
    { invoiceIds?: Record<string, true> } | undefined;
  return Object.keys(owned?.invoiceIds ?? {});
};

/**
 * The fields of an invoice its share of the totals is computed from: where it is counted, and
 * what `invoiceTotals` reads of it (`totals` whole).
 */
const moneyFields: (keyof InvoiceDoc)[] = [
  'customerId',
  'kind',
  'statusRank',
  ...new Set(invoiceTotalsFields.map((f) => (f === 'totals.gross' ? 'totals' : f))),
];

/**
 * What an invoice's change does to the totals kept for all invoices and for its customer's:
 * its share before is taken off, its share after added, and what it owes moves between due
 * days. Each scope's document is written once, and only with what changed.
 */
const totalsChange = (
  stored: StoredEvent,
  id: string,
  before: InvoiceDoc | undefined,
  update: Update,
  paidOn?: string,
): WriteOp[] => {
  const picked = before
    ? (Object.fromEntries(
        moneyFields.filter((f) => before[f] !== undefined).map((f) => [f, before[f]]),
      ) as unknown as InvoiceDoc)
    : undefined;
  const after = applyUpdate(picked, id, update) as unknown as InvoiceDoc;
  const incs = new Map<string, Record<string, number>>();
  const owed = new Map<string, { scope: string; dueOn: string; inc: Record<string, number> }>();
  const add = (into: Record<string, number>, path: string, amount: number) => {
    if (amount !== 0) into[path] = (into[path] ?? 0) + amount;
  };
  for (const [doc, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    const share = invoiceShare(doc);
    if (!share) continue;
    const sums = (into: Record<string, number>, at: string) => {
      add(into, `${at}.invoiced`, sign * share.invoiced);
      add(into, `${at}.paid`, sign * share.paid);
      add(into, `${at}.outstanding`, sign * share.outstanding);
      add(into, `${at}.credit`, sign * share.credit);
      add(into, `${at}.count`, sign);
    };
    for (const scope of [invoiceScope(), invoiceScope(share.customerId)]) {
      const inc = incs.get(scope) ?? incs.set(scope, {}).get(scope)!;
      const key = `due|${scope}|${share.dueOn}`;
      // A due day keeps what is outstanding on it, and what its invoices in an owing status were
      // invoiced and paid: what they still owe is the difference (none was paid in excess).
      const day =
        share.dueOn !== undefined && (share.outstanding > 0 || share.owing)
          ? (owed.get(key) ?? owed.set(key, { scope, dueOn: share.dueOn, inc: {} }).get(key)!)
          : undefined;
      for (const part of share.parts) {
        sums(inc, `parts.${part}.${share.currency}`);
        if (day && share.outstanding > 0)
          add(day.inc, `owed.${part}.${share.currency}`, sign * share.outstanding);
        if (day && share.owing) {
          const at = `owing.${part}.${share.currency}`;
          add(day.inc, `${at}.invoiced`, sign * share.invoiced);
          add(day.inc, `${at}.paid`, sign * share.paid);
          add(day.inc, `${at}.count`, sign);
        }
      }
    }
  }
  const scopes = new Set(incs.keys());
  const customerId = (after as Partial<InvoiceDoc>).customerId ?? before?.customerId;
  if (paidOn !== undefined && customerId !== undefined)
    for (const scope of [invoiceScope(), invoiceScope(customerId)]) scopes.add(scope);
  return [
    ...[...scopes].flatMap((scope) => {
      const inc = Object.fromEntries(
        Object.entries(incs.get(scope) ?? {}).filter(([, v]) => v !== 0),
      );
      const hasInc = Object.keys(inc).length > 0;
      if (!hasInc && paidOn === undefined) return [];
      return upsert(stored, collections.invoiceTotals, scope, {
        ...(hasInc ? { $inc: inc } : {}),
        ...(paidOn !== undefined ? { $max: { lastPaidOn: paidOn } } : {}),
      });
    }),
    ...[...owed].flatMap(([key, day]) => {
      const inc = Object.fromEntries(Object.entries(day.inc).filter(([, v]) => v !== 0));
      return Object.keys(inc).length === 0
        ? []
        : upsert(stored, collections.invoiceTotals, key, {
            $set: { scope: day.scope, dueOn: day.dueOn },
            $inc: inc,
          });
    }),
  ];
};

const invoiceEvents = new Set([
  'InvoiceDrafted',
  'InvoiceDraftUpdated',
  'InvoiceDraftDiscarded',
  'InvoiceIssued',
  'InvoiceSent',
  'PaymentRecorded',
  'RefundRecorded',
  'PaymentTransferred',
  'CreditNoteIssued',
  'PrepaymentSettled',
  'PrepaymentSettlementReleased',
  'InvoiceVoided',
]);

/**
 * Invoices with what was paid, refunded, moved and credited, when they were first sent and
 * their credit notes. It reads its own document before each event, so the status follows the
 * money both ways (paid, then partly paid again after a refund). Overdue is read from the due
 * date.
 */
export const invoicesProjection: Projection = {
  name: collections.invoices,
  indexes: [
    [collections.invoices, ['customerId', 'issuedOn']],
    [collections.invoices, ['issuedOn']],
    [collections.invoices, ['statusRank', 'issuedOn']],
    [collections.invoices, ['customerId', 'statusRank', 'issuedOn']],
    [collections.invoices, ['owing', 'issuedOn']],
    [collections.invoices, ['dealId', 'kind']],
    [collections.invoices, ['paymentReference']],
    [collections.invoices, ['outstanding', 'currency']],
    [collections.invoiceTotals, ['scope', 'dueOn']],
  ],
  state: {
    collections: [collections.invoices, collections.invoiceCustomers],
    reads: (stored) => {
      const { invoiceId, customerId } = stored.data as {
        invoiceId?: unknown;
        customerId?: unknown;
      };
      if (stored.type === 'CustomerPersonalDataErased' && typeof customerId === 'string')
        return [[collections.invoiceCustomers, customerId]];
      return invoiceEvents.has(stored.type) && typeof invoiceId === 'string'
        ? [[collections.invoices, invoiceId]]
        : [];
    },
    // An erasure rewrites the texts inside each of the customer's invoices.
    named: (stored, state) => {
      const { customerId } = stored.data as { customerId?: unknown };
      if (stored.type !== 'CustomerPersonalDataErased' || typeof customerId !== 'string') return [];
      return invoicesOf(state, customerId).map((id) => [collections.invoices, id]);
    },
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      const doc = (id: string) => state(collections.invoices, id) as InvoiceDoc | undefined;
      const invoice = (id: string, update: Update, paidOn?: string) => [
        ...upsert(stored, collections.invoices, id, update),
        ...totalsChange(stored, id, doc(id), update, paidOn),
      ];
      const owned = (customerId: string, invoiceId: string) =>
        upsert(stored, collections.invoiceCustomers, customerId, {
          $set: { [`invoiceIds.${invoiceId}`]: true },
        });
      switch (event.type) {
        case 'InvoiceDrafted':
        case 'InvoiceDraftUpdated': {
          const { invoiceId, ...rest } = event.data;
          return [
            ...invoice(invoiceId, {
              $set: { ...rest, draft: true, ...ranked(invoiceStatusRank.draft) },
              $setOnInsert: { paid: 0, refunded: 0, transferredOut: 0, credited: 0, overpaid: 0 },
            }),
            ...owned(rest.customerId, invoiceId),
          ];
        }
        case 'InvoiceDraftDiscarded':
          return invoice(event.data.invoiceId, {
            $set: {
              discardedAt: event.data.discardedAt,
              ...ranked(invoiceStatusRank.discarded),
            },
          });
        case 'InvoiceIssued': {
          const { invoiceId, ...rest } = event.data;
          return [
            ...invoice(
              invoiceId,
              merge(
                {
                  $set: { ...rest, draft: false, settledBy: null },
                  $setOnInsert: { paid: 0, refunded: 0, transferredOut: 0, credited: 0 },
                },
                standing({ totals: rest.totals }, {}, { sent: false, voided: false }),
              ),
            ),
            ...owned(rest.customerId, invoiceId),
          ];
        }
        case 'InvoiceSent':
          return invoice(
            event.data.invoiceId,
            merge(
              {
                $min: { sentAt: event.data.sentAt },
                $set: {
                  customerId: event.data.customerId,
                  lastSent: {
                    channel: event.data.channel,
                    recipient: event.data.recipient,
                    at: event.data.sentAt,
                  },
                },
              },
              standing(doc(event.data.invoiceId), {}, { sent: true }),
            ),
          );
        case 'CustomerPersonalDataErased': {
          // Where the invoices went (an e-mail or postal address) is personal data, and so are
          // the texts about the customer in each: payment references, why money was refunded,
          // why a credit note was issued or the invoice voided.
          const { customerId } = event.data;
          return [
            ...sendChannels.map((channel): WriteOp => ({
              kind: 'setWhere',
              collection: collections.invoices,
              where: { customerId, 'lastSent.channel': channel },
              set: { 'lastSent.recipient': ERASED },
            })),
            ...invoicesOf(state, customerId).flatMap((id) => {
              const found = doc(id);
              return found ? invoice(id, withoutPersonalTexts(found)) : [];
            }),
          ];
        }
        case 'PaymentRecorded': {
          const { invoiceId, customerId: _c, ...payment } = event.data;
          return invoice(
            invoiceId,
            merge(
              { $max: { lastPaidOn: payment.paidOn }, $push: { payments: payment } },
              standing(doc(invoiceId), { paid: payment.amount }),
            ),
            payment.paidOn,
          );
        }
        case 'RefundRecorded': {
          const { invoiceId, customerId: _c, ...refund } = event.data;
          return invoice(
            invoiceId,
            merge(
              { $push: { refunds: refund } },
              standing(doc(invoiceId), { refunded: refund.amount }),
            ),
          );
        }
        case 'PaymentTransferred': {
          const { invoiceId, customerId: _c, ...moved } = event.data;
          return invoice(
            invoiceId,
            merge(
              { $push: { transfers: moved } },
              standing(doc(invoiceId), { transferredOut: moved.amount }),
            ),
          );
        }
        case 'CreditNoteIssued': {
          const { invoiceId, creditNote, creditNoteId, reason, issuedAt } = event.data;
          return invoice(
            invoiceId,
            merge(
              { $push: { creditNotes: { ...creditNote, creditNoteId, reason, issuedAt } } },
              standing(doc(invoiceId), { credited: -creditNote.totals.gross }),
            ),
          );
        }
        case 'PrepaymentSettled':
          return invoice(event.data.invoiceId, { $set: { settledBy: event.data.settledBy } });
        case 'PrepaymentSettlementReleased':
          return invoice(event.data.invoiceId, { $set: { settledBy: null } });
        case 'InvoiceVoided':
          return invoice(
            event.data.invoiceId,
            merge(
              {
                $set: {
                  voidedAt: event.data.voidedAt,
                  voidReason: event.data.reason,
                  creditNote: event.data.creditNote,
                },
              },
              standing(doc(event.data.invoiceId), {}, { voided: true }),
            ),
          );
        default:
          return [];
      }
    }),
};
