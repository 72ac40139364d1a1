import { createHash } from 'node:crypto';
import { localDay } from '#domain';
import { type StoredEvent } from '#event-store';
import { type InvoiceLine } from '#events';
import {
  CAMPAIGN_ATTRIBUTION_DAYS,
  collections,
  projections,
  type ReportCategory,
  type ReportCustomerDoc,
  type TicketPhase,
} from '#read-models';
import { type WriteOp } from '#read-store';
import {
  type Lookup,
  type Projection,
  type ProjectionSettings,
  typed,
  upsert,
} from '../projection';

/** Counters to add (dotted paths) and names to keep, for one month of a group's facts. */
type Delta = { inc: Record<string, number>; set?: Record<string, string> };

type DealState = {
  _id: string;
  customerId: string;
  openedAt: string;
  open: boolean;
  stageId?: string;
  won?: boolean;
};

const keyOf = (name: string) =>
  createHash('sha1').update(name.toLocaleLowerCase()).digest('hex').slice(0, 16);

const CAMPAIGN_SOURCE = 'campaign:';

/** Whether `at` falls within the attribution window after the customer's last campaign message. */
const afterCampaign = (customer: ReportCustomerDoc | undefined, at: string) =>
  customer?.lastCampaignAt !== undefined &&
  at >= customer.lastCampaignAt &&
  Date.parse(at) - Date.parse(customer.lastCampaignAt) <= CAMPAIGN_ATTRIBUTION_DAYS * 86_400_000;

/** The customer's open deal opened last (the first listed of those opened at that moment). */
const newestOpenDeal = (customer: ReportCustomerDoc | undefined): string | undefined => {
  let newest: [id: string, openedAt: string] | undefined;
  for (const [id, openedAt] of Object.entries(customer?.dealsOpenedAt ?? {}))
    if (!newest || openedAt > newest[1]) newest = [id, openedAt];
  return newest?.[0];
};

/** Where the customer is: the stage of its newest open deal, a customer, or a prospect. */
const phaseOf = (customer: ReportCustomerDoc | undefined, state: Lookup): TicketPhase => {
  const newest = newestOpenDeal(customer);
  const deal =
    newest === undefined
      ? undefined
      : (state(collections.reportDeals, newest) as DealState | undefined);
  if (deal?.stageId !== undefined) return `stage_${deal.stageId}`;
  return (customer?.wonDeals ?? 0) > 0 ? 'customer' : 'prospect';
};
type InvoiceState = { _id: string; currency: string; kind: 'standard' | 'prepayment' };

/**
 * Events this projection handles without the customer's report document, which grows with the
 * customer's open deals: they do not read it (a deal moving stage would otherwise parse it).
 */
const BESIDE_THE_CUSTOMER = new Set([
  'DealStageMoved',
  'DealMovedToPipeline',
  'ActivityScheduled',
  'EmailQueued',
]);

/** The month of a day (`YYYY-MM-DD`). */
const monthOf = (day: string) => day.slice(0, 7);

const daysBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));

/**
 * What lines add to revenue: their net, less nothing for the prepayments they deduct (the
 * prepayment invoice itself is no revenue, so a final invoice's full sale counts once). Lines
 * that sell something are products; a product is its catalogue code, or its description,
 * case-folded.
 */
const revenueDelta = (currency: string, lines: InvoiceLine[]): Delta => {
  const sold = lines.filter((l) => !l.settles);
  const invoiced = sold.reduce((sum, l) => sum + l.net, 0);
  return merge(
    { inc: { [`invoiced.${currency}`]: invoiced } },
    productDelta(
      currency,
      sold.filter((l) => !l.adjustment),
    ),
  );
};

const productDelta = (currency: string, lines: InvoiceLine[]): Delta => {
  const inc: Record<string, number> = {};
  const set: Record<string, string> = {};
  for (const line of lines) {
    const name = line.description.trim();
    // A catalogue product is one whatever its lines say; another line is its text.
    const key = line.productCode ? keyOf(`\u0000${line.productCode}`) : keyOf(name);
    const at = `products.${currency}.${key}`;
    inc[`${at}.revenue`] = (inc[`${at}.revenue`] ?? 0) + line.net;
    inc[`${at}.quantity`] = (inc[`${at}.quantity`] ?? 0) + line.quantity;
    set[`${at}.name`] = name;
    if (line.productCode) set[`${at}.productCode`] = line.productCode;
  }
  return { inc, set };
};

const merge = (a: Delta, b: Delta): Delta => ({
  inc: { ...a.inc, ...b.inc },
  set: { ...a.set, ...b.set },
});

/**
 * Pre-aggregated reports: per category and month, and per customer and month, what happened
 * (new customers, deals opened, won and lost, value won, sales cycle, invoiced and paid
 * revenue, products bought); per category now, its customers and open deals. Facts count
 * towards the category the customer had when they happened, in the month they happened in
 * where the business is (`timeZone`): a deal won at 00:30 on 1 December in Tallinn is
 * December's.
 */
export const reportsProjection = ({ timeZone }: ProjectionSettings): Projection => {
  /** The business's month of an instant. */
  const monthAt = (instant: string) => monthOf(localDay(Date.parse(instant), timeZone));
  return {
    name: projections.reports,
    settings: { timeZone },
    indexes: [
      [collections.categoryMonths, ['month']],
      [collections.customerMonths, ['customerId', 'month']],
      // The group report reads every customer's facts of its months (reports.controller.ts).
      [collections.customerMonths, ['month']],
      // Kept segment members' open deals are brought up to date from these (kept-members.ts).
      [collections.reportCustomers, ['_position']],
    ],
    state: {
      collections: [
        collections.reportCustomers,
        collections.reportDeals,
        collections.reportInvoices,
        collections.reportActivities,
        collections.reportEmails,
      ],
      reads: (stored) => {
        const data = stored.data as Record<string, unknown>;
        const wanted: [string, string][] = [];
        if (typeof data.activityId === 'string')
          wanted.push([collections.reportActivities, data.activityId]);
        if (typeof data.emailId === 'string') wanted.push([collections.reportEmails, data.emailId]);
        if (typeof data.customerId === 'string' && !BESIDE_THE_CUSTOMER.has(stored.type))
          wanted.push([collections.reportCustomers, data.customerId]);
        if (typeof data.dealId === 'string') wanted.push([collections.reportDeals, data.dealId]);
        if (typeof data.invoiceId === 'string')
          wanted.push([collections.reportInvoices, data.invoiceId]);
        return wanted;
      },
      // A ticket's phase is the stage of the customer's newest open deal, which only the
      // customer's document names.
      named: (stored, state) => {
        const { customerId } = stored.data as { customerId?: unknown };
        if (stored.type !== 'TicketOpened' || typeof customerId !== 'string') return [];
        const newest = newestOpenDeal(
          state(collections.reportCustomers, customerId) as ReportCustomerDoc | undefined,
        );
        return newest === undefined ? [] : [[collections.reportDeals, newest]];
      },
    },
    project: (stored, state) =>
      typed(stored, (event) => {
        const r = reporting(stored, state);
        switch (event.type) {
          case 'CustomerRegistered': {
            const { customerId, registeredAt } = event.data;
            return [
              ...upsert(stored, collections.reportCustomers, customerId, {
                $set: { category: 'uncategorised', openDeals: 0, active: true },
              }),
              ...r.gauge('uncategorised', { customers: 1 }),
              ...r.categoryFacts('uncategorised', monthAt(registeredAt), {
                inc: { newCustomers: 1 },
              }),
              ...r.customerFacts(customerId, monthAt(registeredAt), { inc: { newCustomers: 1 } }),
            ];
          }
          case 'CustomerCategorized': {
            const { customerId, category, categorizedAt } = event.data;
            const customer = r.customer(customerId);
            if (!customer) return [];
            return [
              ...upsert(stored, collections.reportCustomers, customerId, { $set: { category } }),
              ...(customer.active
                ? [
                    ...r.gauge(customer.category, {
                      customers: -1,
                      openDeals: -customer.openDeals,
                    }),
                    ...r.gauge(category, { customers: 1, openDeals: customer.openDeals }),
                  ]
                : []),
              ...r.categoryFacts(category, monthAt(categorizedAt), { inc: { newCustomers: 1 } }),
            ];
          }
          case 'CustomerArchived':
          case 'CustomerRestored': {
            const customer = r.customer(event.data.customerId);
            const active = event.type === 'CustomerRestored';
            if (!customer || customer.active === active) return [];
            const sign = active ? 1 : -1;
            return [
              ...upsert(stored, collections.reportCustomers, customer._id, { $set: { active } }),
              ...r.gauge(customer.category, {
                customers: sign,
                openDeals: sign * customer.openDeals,
              }),
            ];
          }
          case 'DealOpened': {
            const { dealId, customerId, openedAt, stageId } = event.data;
            const recipient = afterCampaign(r.customer(customerId), openedAt);
            return [
              ...upsert(stored, collections.reportDeals, dealId, {
                $set: { customerId, openedAt, open: true, stageId, won: false },
              }),
              ...r.openDeals(customerId, 1, { [`dealsOpenedAt.${dealId}`]: openedAt }),
              ...r.facts(customerId, monthAt(openedAt), {
                inc: { dealsOpened: 1, ...(recipient ? { 'campaign.dealsOpened': 1 } : {}) },
              }),
            ];
          }
          case 'DealStageMoved':
          case 'DealMovedToPipeline': {
            const deal = state(collections.reportDeals, event.data.dealId) as DealState | undefined;
            if (!deal?.open) return [];
            return upsert(stored, collections.reportDeals, deal._id, {
              $set: { stageId: event.data.toStageId },
            });
          }
          case 'DealWon':
          case 'DealLost': {
            const deal = state(collections.reportDeals, event.data.dealId) as DealState | undefined;
            if (!deal?.open) return [];
            const won = event.type === 'DealWon';
            const at = won ? event.data.wonAt : event.data.lostAt;
            const recipient = won && afterCampaign(r.customer(deal.customerId), at);
            const delta: Delta = won
              ? {
                  inc: {
                    won: 1,
                    cycleDays: daysBetween(deal.openedAt, at),
                    [`wonValue.${event.data.value.currency}`]: event.data.value.amount,
                    ...(recipient ? { 'campaign.dealsWon': 1 } : {}),
                  },
                }
              : { inc: { lost: 1 } };
            return [
              ...upsert(stored, collections.reportDeals, deal._id, { $set: { open: false, won } }),
              ...r.openDeals(deal.customerId, -1, {}, [`dealsOpenedAt.${deal._id}`], won ? 1 : 0),
              ...r.facts(deal.customerId, monthAt(at), delta),
            ];
          }
          case 'DealReopened': {
            const deal = state(collections.reportDeals, event.data.dealId) as DealState | undefined;
            if (!deal || deal.open) return [];
            const { stageId } = event.data;
            return [
              ...upsert(stored, collections.reportDeals, deal._id, {
                $set: { open: true, won: false, stageId },
              }),
              ...r.openDeals(
                deal.customerId,
                1,
                { [`dealsOpenedAt.${deal._id}`]: deal.openedAt },
                [],
                deal.won ? -1 : 0,
              ),
            ];
          }
          case 'InvoiceIssued': {
            const { invoiceId, customerId, currency, issuedOn, lines, kind } = event.data;
            return [
              ...upsert(stored, collections.reportInvoices, invoiceId, {
                $set: { currency, kind },
              }),
              // A prepayment is money in advance, not a sale: its final invoice is the revenue.
              ...(kind === 'prepayment'
                ? []
                : r.facts(customerId, monthOf(issuedOn), revenueDelta(currency, lines))),
            ];
          }
          case 'InvoiceVoided':
          case 'CreditNoteIssued': {
            const { invoiceId, customerId, creditNote } = event.data;
            const invoice = state(collections.reportInvoices, invoiceId) as
              InvoiceState | undefined;
            if (!invoice || invoice.kind === 'prepayment') return [];
            return r.facts(
              customerId,
              monthOf(creditNote.issuedOn),
              revenueDelta(invoice.currency, creditNote.lines),
            );
          }
          case 'PaymentRecorded': {
            const { customerId, currency, amount, paidOn, transferredFrom } = event.data;
            // Money moved between two invoices of the customer was counted when it came in.
            if (transferredFrom) return [];
            return r.facts(customerId, monthOf(paidOn), { inc: { [`paid.${currency}`]: amount } });
          }
          case 'RefundRecorded': {
            const { customerId, currency, amount, refundedOn } = event.data;
            return r.facts(customerId, monthOf(refundedOn), {
              inc: { [`paid.${currency}`]: -amount },
            });
          }
          case 'ActivityScheduled':
            return upsert(stored, collections.reportActivities, event.data.activityId, {
              $set: { kind: event.data.kind },
            });
          case 'ActivityCompleted': {
            const kind = state(collections.reportActivities, event.data.activityId)?.['kind'];
            if (typeof kind !== 'string') return [];
            return r.facts(event.data.customerId, monthAt(event.data.completedAt), {
              inc: { [`interactions.${kind}`]: 1 },
            });
          }
          case 'InteractionLogged': {
            const { customerId, kind, occurredAt, email } = event.data;
            return r.facts(customerId, monthAt(occurredAt), {
              inc: {
                [`interactions.${kind}`]: 1,
                ...(email?.inReplyTo?.campaignId ? { 'campaign.replies': 1 } : {}),
              },
            });
          }
          case 'TicketOpened': {
            const { customerId, classification, openedAt } = event.data;
            const name = classification?.trim() || 'unclassified';
            const key = keyOf(name);
            return r.facts(customerId, monthAt(openedAt), {
              inc: {
                [`ticketClasses.${key}.count`]: 1,
                [`ticketPhases.${phaseOf(r.customer(customerId), state)}`]: 1,
              },
              set: { [`ticketClasses.${key}.name`]: name },
            });
          }
          case 'EmailQueued':
            return event.data.campaignId
              ? upsert(stored, collections.reportEmails, event.data.emailId, {
                  $set: { campaignId: event.data.campaignId },
                })
              : [];
          case 'EmailSent':
          case 'EmailFailed': {
            const { emailId, customerId } = event.data;
            const campaign = state(collections.reportEmails, emailId)?.['campaignId'];
            if (typeof campaign !== 'string' || !customerId) return [];
            if (event.type === 'EmailFailed')
              return event.data.permanent
                ? r.facts(customerId, monthAt(event.data.failedAt), {
                    inc: { 'campaign.failed': 1 },
                  })
                : [];
            const { sentAt } = event.data;
            return [
              ...(r.customer(customerId)
                ? upsert(stored, collections.reportCustomers, customerId, {
                    $max: { lastCampaignAt: sentAt },
                  })
                : []),
              ...r.facts(customerId, monthAt(sentAt), { inc: { 'campaign.sent': 1 } }),
            ];
          }
          case 'MarketingConsentWithdrawn': {
            const { customerId, source, withdrawnAt } = event.data;
            return source.startsWith(CAMPAIGN_SOURCE)
              ? r.facts(customerId, monthAt(withdrawnAt), { inc: { 'campaign.unsubscribes': 1 } })
              : [];
          }
          default:
            return [];
        }
      }),
  };
};

/** The writes a report event makes, given the state the projection keeps. */
const reporting = (stored: StoredEvent, state: Lookup) => {
  const customer = (id: string) =>
    state(collections.reportCustomers, id) as ReportCustomerDoc | undefined;
  const gauge = (category: ReportCategory, inc: Record<string, number>): WriteOp[] =>
    upsert(stored, collections.categoryNow, category, { $inc: inc });
  const categoryFacts = (category: ReportCategory, month: string, delta: Delta): WriteOp[] =>
    upsert(stored, collections.categoryMonths, `${category}:${month}`, {
      $setOnInsert: { category, month },
      $inc: delta.inc,
      ...(delta.set ? { $set: delta.set } : {}),
    });
  const customerFacts = (customerId: string, month: string, delta: Delta): WriteOp[] =>
    upsert(stored, collections.customerMonths, `${customerId}:${month}`, {
      $setOnInsert: { customerId, month },
      $inc: delta.inc,
      ...(delta.set ? { $set: delta.set } : {}),
    });
  return {
    customer,
    gauge,
    categoryFacts,
    customerFacts,
    /** Facts of a customer, counted for it and for the category it is in now. */
    facts: (customerId: string, month: string, delta: Delta): WriteOp[] => [
      ...categoryFacts(customer(customerId)?.category ?? 'uncategorised', month, delta),
      ...customerFacts(customerId, month, delta),
    ],
    /**
     * A customer's open deals change (with when each was opened, and its deals won); so
     * does its category's gauge while it is active.
     */
    openDeals: (
      customerId: string,
      by: 1 | -1,
      stages: Record<string, unknown> = {},
      closed: string[] = [],
      wonBy = 0,
    ): WriteOp[] => {
      const c = customer(customerId);
      if (!c) return [];
      return [
        ...upsert(stored, collections.reportCustomers, customerId, {
          $inc: { openDeals: by, ...(wonBy !== 0 ? { wonDeals: wonBy } : {}) },
          ...(Object.keys(stages).length > 0 ? { $set: stages } : {}),
          ...(closed.length > 0
            ? { $unset: Object.fromEntries(closed.map((k) => [k, true as const])) }
            : {}),
        }),
        ...(c.active ? gauge(c.category, { openDeals: by }) : []),
      ];
    },
  };
};
