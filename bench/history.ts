import { randomUUID } from 'node:crypto';
import { type EventStore, type NewEvent } from '#event-store';
import {
  currentSchemaVersion,
  customerCategories,
  estonianReference,
  type KroonikaEvent,
  referenceBase,
} from '#events';

type Append = { stream: string; event: KroonikaEvent; customerId?: string; actorId: string };

/** Events are 30 s apart from 1 December 2025: a million of them span about a year. */
const at = (n: number) => new Date(Date.UTC(2025, 11, 1) + n * 30_000).toISOString();
const dayOf = (n: number) => at(n).slice(0, 10);

const record = ({ event, customerId, actorId }: Append, n: number): NewEvent => {
  const eventId = randomUUID();
  return {
    eventId,
    type: event.type,
    data: event.data,
    metadata: {
      eventId,
      schemaVersion: currentSchemaVersion[event.type],
      occurredAt: at(n),
      actorId,
      commandId: eventId,
      correlationId: eventId,
      causationId: eventId,
      ...(customerId ? { customerId } : {}),
    },
  };
};

const products = Array.from({ length: 30 }, (_, i) => ({
  description: i % 3 === 0 ? `Service package ${i}` : `Product ${i}`,
  unitPrice: 1_000 * (1 + (i % 7)),
}));

type On = (stream: string, event: KroonikaEvent) => Promise<void>;
/** The time of the next event, and a day that many events after it. */
type Clock = { at: () => string; day: (ahead?: number) => string };

/** Two lines of the catalogue, picked by `seed`, with their VAT and totals. */
const linesOf = (seed: number, quantity: number) => {
  const lines = [0, 1].map((k) => {
    const product = products[(seed + k * 13) % products.length]!;
    const count = 1 + ((quantity + k) % 5);
    const net = count * product.unitPrice;
    const vat = Math.round(net * 0.24);
    return {
      ...product,
      quantity: count,
      discountPercent: 0,
      vatRate: 24,
      net,
      vat,
      gross: net + vat,
    };
  });
  const net = lines.reduce((s, l) => s + l.net, 0);
  const vat = lines.reduce((s, l) => s + l.vat, 0);
  return { lines, totals: { net, vat, gross: net + vat } };
};

/** An invoice issued, sent by e-mail and, when `paid`, paid in full. */
const writeInvoice = async (
  on: On,
  clock: Clock,
  invoice: {
    customerId: string;
    number: string;
    seed: number;
    quantity: number;
    recipient: string;
    paid: boolean;
  },
) => {
  const { customerId, number } = invoice;
  const invoiceId = randomUUID();
  const stream = `invoice-${invoiceId}`;
  const { lines, totals } = linesOf(invoice.seed, invoice.quantity);
  await on(stream, {
    type: 'InvoiceIssued',
    data: {
      invoiceId,
      number,
      kind: 'standard',
      customerId,
      currency: 'EUR',
      issuedOn: clock.day(),
      dueOn: clock.day(40_320),
      lines,
      totals,
      paymentReference: estonianReference(referenceBase(number)),
      issuedAt: clock.at(),
    },
  });
  await on(stream, {
    type: 'InvoiceSent',
    data: {
      invoiceId,
      customerId,
      number,
      channel: 'email',
      recipient: invoice.recipient,
      sentAt: clock.at(),
    },
  });
  if (invoice.paid)
    await on(stream, {
      type: 'PaymentRecorded',
      data: {
        invoiceId,
        customerId,
        paymentId: randomUUID(),
        amount: totals.gross,
        currency: 'EUR',
        paidOn: clock.day(),
        outstanding: 0,
        overpaid: 0,
        recordedAt: clock.at(),
      },
    });
};

/** A ticket opened by e-mail, answered and resolved. */
const writeTicket = async (
  on: On,
  clock: Clock,
  { customerId, actorId, t }: { customerId: string; actorId: string; t: number },
) => {
  const ticketId = randomUUID();
  const stream = `ticket-${ticketId}`;
  const opened = clock.at();
  const after = (events: number) => new Date(Date.parse(opened) + events * 30_000).toISOString();
  await on(stream, {
    type: 'TicketOpened',
    data: {
      ticketId,
      customerId,
      channel: 'email',
      subject: `Question ${t}`,
      priority: t % 2 === 0 ? 'normal' : 'high',
      assigneeId: actorId,
      sla: { firstResponseDue: after(480), resolutionDue: after(2880) },
      openedAt: opened,
    },
  });
  await on(stream, {
    type: 'TicketResponded',
    data: {
      ticketId,
      customerId,
      message: 'Looking into it',
      channel: 'email',
      first: true,
      staffId: actorId,
      respondedAt: clock.at(),
    },
  });
  await on(stream, {
    type: 'TicketResolved',
    data: { ticketId, customerId, resolution: 'answered', resolvedAt: clock.at() },
  });
};

/**
 * A call (even `a`) or a meeting (odd), scheduled 100 events ahead and completed (unless
 * `planned`); one meeting in two has a colleague (`guestId`) taking part.
 */
const writeActivity = async (
  on: On,
  clock: Clock,
  activity: {
    customerId: string;
    actorId: string;
    title: string;
    a: number;
    minutes: number;
    dealId?: string;
    guestId?: string;
    planned?: boolean;
  },
) => {
  const { customerId, a } = activity;
  const activityId = randomUUID();
  const stream = `activity-${activityId}`;
  await on(stream, {
    type: 'ActivityScheduled',
    data: {
      activityId,
      customerId,
      kind: a % 2 === 0 ? 'call' : 'meeting',
      title: activity.title,
      timing: { dueOn: clock.day(100) },
      ...(activity.dealId ? { dealId: activity.dealId } : {}),
      ...(activity.guestId && a % 4 === 1
        ? { participants: [{ kind: 'staff' as const, id: activity.guestId }] }
        : {}),
      assigneeId: activity.actorId,
      scheduledAt: clock.at(),
    },
  });
  if (activity.planned) return;
  await on(stream, {
    type: 'ActivityCompleted',
    data: {
      activityId,
      customerId,
      outcome: 'done',
      minutesSpent: activity.minutes,
      completedAt: clock.at(),
    },
  });
};

/** A deal moved from stage `s - 1` to stage `s`. */
const stageMoved = (
  deal: { dealId: string; customerId: string },
  stages: { stageId: string }[],
  s: number,
  movedAt: string,
): KroonikaEvent => ({
  type: 'DealStageMoved',
  data: {
    ...deal,
    fromStageId: stages[s - 1]!.stageId,
    toStageId: stages[s]!.stageId,
    movedAt,
  },
});

type Pipeline = { pipelineId: string; stages: { stageId: string }[] };

/**
 * A customer of many years, at `scale` 1 about 10k events: 250 deals, each with an offer (two
 * in five won, with an order delivered; two lost; one still open), 800 invoices (nine in ten
 * paid), 400 tickets and 2 300 calls and meetings. What a 360 of such a customer reads grows
 * with it only where the answer does.
 */
const longStanding = async (
  on: On,
  clock: Clock,
  account: { customerId: string; actorId: string; pipeline: Pipeline; scale: number },
) => {
  const { customerId, actorId, pipeline, scale } = account;
  const count = (n: number) => Math.round(n * scale);
  const stages = pipeline.stages;
  let open = 0;
  for (let d = 0; d < count(250); d++) {
    const dealId = randomUUID();
    const stream = `deal-${dealId}`;
    const value = { amount: 5_000 + 100 * (d % 50), currency: 'EUR' };
    await on(stream, {
      type: 'DealOpened',
      data: {
        dealId,
        customerId,
        pipelineId: pipeline.pipelineId,
        stageId: stages[0]!.stageId,
        title: `Order ${d}`,
        value,
        ownerId: actorId,
        openedAt: clock.at(),
      },
    });
    const reached = 1 + (d % 3);
    for (let s = 1; s <= reached; s++)
      await on(stream, stageMoved({ dealId, customerId }, stages, s, clock.at()));
    const offer = { dealId, customerId, offerId: randomUUID(), version: 1 };
    const { lines, totals } = linesOf(d, d);
    await on(stream, {
      type: 'OfferMade',
      data: {
        ...offer,
        lines: lines.map((l) => ({ ...l, kind: 'product' as const })),
        currency: 'EUR',
        totals,
        validUntil: clock.day(40_320),
        madeAt: clock.at(),
      },
    });
    const outcome = d % 5;
    if (outcome < 2) {
      await on(stream, {
        type: 'OfferAccepted',
        data: { ...offer, currency: 'EUR', totals, acceptedAt: clock.at() },
      });
      await on(stream, { type: 'DealWon', data: { dealId, customerId, value, wonAt: clock.at() } });
      const orderId = randomUUID();
      const order = { dealId, customerId, orderId };
      await on(stream, {
        type: 'OrderPlaced',
        data: {
          ...order,
          confirmedOn: clock.day(),
          promisedOn: clock.day(20_160),
          placedAt: clock.at(),
        },
      });
      await on(stream, {
        type: 'OrderStatusChanged',
        data: {
          ...order,
          from: 'confirmed',
          to: 'shipped',
          on: clock.day(),
          changedAt: clock.at(),
        },
      });
      await on(stream, {
        type: 'OrderStatusChanged',
        data: {
          ...order,
          from: 'shipped',
          to: 'delivered',
          on: clock.day(),
          changedAt: clock.at(),
        },
      });
    } else if (outcome < 4) {
      await on(stream, {
        type: 'OfferRejected',
        data: { ...offer, reason: 'price', rejectedAt: clock.at() },
      });
      await on(stream, {
        type: 'DealLost',
        data: { dealId, customerId, reason: 'price', lostAt: clock.at() },
      });
    } else {
      await on(stream, {
        type: 'DealNextActionScheduled',
        data: { dealId, customerId, dueOn: clock.day(2_880), description: 'Call' },
      });
      open += 1;
    }
  }
  for (let i = 0; i < count(800); i++)
    await writeInvoice(on, clock, {
      customerId,
      number: `${clock.day().slice(0, 4)}-L${String(i + 1).padStart(5, '0')}`,
      seed: i,
      quantity: i,
      recipient: 'accounts@long-standing.test',
      paid: i % 10 !== 9,
    });
  for (let t = 0; t < count(400); t++) await writeTicket(on, clock, { customerId, actorId, t });
  for (let a = 0; a < count(2_300); a++)
    await writeActivity(on, clock, { customerId, actorId, title: `Review ${a}`, a, minutes: 30 });
  return { openDeals: open };
};

export type HistoryShape = {
  events: number;
  customers: number;
  deals: number;
  /** The customer with the longest history, and its number of events. */
  busiest: { customerId: string; events: number };
  /** The pipeline with the most open deals, and how many. */
  fullest: { pipelineId: string; openDeals: number };
  segmentId: string;
  /** A member of staff with a five-hundredth of the customers' activities in their calendar. */
  memberId: string;
  /** The same customers by a rule that reads the clock: members evaluated at every question. */
  momentSegmentId: string;
};

/**
 * A realistic history written straight to the event store, in the shape of a real CRM: about
 * 100 events per customer — the lead that became the customer, its profile, category, tags
 * and consent, two deals moving through stages with next actions (half of them still open, half
 * expected to close on a day), activities done and, for three customers in four, one still
 * planned (a colleague taking part in some meetings), interactions logged,
 * invoices issued, sent and paid, tickets answered and closed. One customer has 10k more events (a long-standing account: deals with
 * offers and orders, invoices, tickets, calls and meetings) and half the deals sit in one
 * pipeline, so 10k customers give ≈ 1M events, 20k deals and a board of 5k
 * open deals.
 */
export const writeHistory = async (store: EventStore, customers: number): Promise<HistoryShape> => {
  const staff = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), name: `Staff ${i}` }));
  const pipelines = Array.from({ length: 3 }, (_, p) => ({
    pipelineId: randomUUID(),
    stages: Array.from({ length: 5 }, (_, s) => ({
      stageId: randomUUID(),
      name: `Stage ${s + 1}`,
      probability: 10 + 20 * s,
      rottingDays: 14,
    })),
    name: `Pipeline ${p + 1}`,
  }));
  const segmentId = randomUUID();
  const momentSegmentId = randomUUID();
  const revisions = new Map<string, number>();
  let pending: { append: Append; n: number }[] = [];
  let n = 0;
  let written = 0;
  const clock: Clock = { at: () => at(n), day: (ahead = 0) => dayOf(n + ahead) };
  const flush = async () => {
    // One stream's events keep their order: each stream is one append per flush.
    const byStream = new Map<string, { append: Append; n: number }[]>();
    for (const item of pending)
      byStream.set(item.append.stream, [...(byStream.get(item.append.stream) ?? []), item]);
    written += pending.length;
    pending = [];
    await Promise.all(
      [...byStream].map(async ([stream, items]) => {
        const current = revisions.get(stream) ?? -1;
        await store.append(
          stream,
          items.map((it) => record(it.append, it.n)),
          current === -1 ? 'no_stream' : current,
        );
        revisions.set(stream, current + items.length);
      }),
    );
  };
  const add = async (append: Append) => {
    pending.push({ append, n: n++ });
    if (pending.length >= 2000) await flush();
  };
  const admin = staff[0]!.id;
  for (const s of staff)
    await add({
      stream: `staff-${s.id}`,
      actorId: admin,
      event: {
        type: 'StaffMemberRegistered',
        data: {
          staffId: s.id,
          name: s.name,
          email: `${s.name.replace(' ', '.').toLowerCase()}@kroonika.test`,
          roles: ['sales'],
          registeredAt: at(n),
        },
      },
    });
  for (const p of pipelines)
    await add({
      stream: `pipeline-${p.pipelineId}`,
      actorId: admin,
      event: { type: 'PipelineDefined', data: { ...p, definedAt: at(n) } },
    });
  await add({
    stream: `segment-${segmentId}`,
    actorId: admin,
    event: {
      type: 'SegmentDefined',
      data: { segmentId, name: 'Top customers', rules: { categories: ['top'] }, definedAt: at(n) },
    },
  });
  await add({
    stream: `segment-${momentSegmentId}`,
    actorId: admin,
    event: {
      type: 'SegmentDefined',
      data: {
        segmentId: momentSegmentId,
        name: 'Top customers, contacted or not',
        rules: { categories: ['top'], notContactedForDays: 0 },
        definedAt: at(n),
      },
    },
  });

  let busiest = { customerId: '', events: 0 };
  let openInFullest = 0;
  for (let c = 0; c < customers; c++) {
    const before = written + pending.length;
    const actorId = staff[c % staff.length]!.id;
    const customerId = randomUUID();
    const leadId = randomUUID();
    const lead = `lead-${leadId}`;
    const customer = `customer-${customerId}`;
    const on = (stream: string, event: KroonikaEvent) =>
      add({ stream, actorId, customerId, event });
    await add({
      stream: lead,
      actorId,
      event: {
        type: 'LeadCreated',
        data: {
          leadId,
          personName: `Person ${c}`,
          companyName: `Company ${c}`,
          source: 'web',
          ownerId: actorId,
          createdAt: at(n),
        },
      },
    });
    await add({
      stream: lead,
      actorId,
      event: { type: 'LeadQualified', data: { leadId, qualifiedAt: at(n) } },
    });
    const pipeline = pipelines[c % 2 === 0 ? 0 : 1 + (c % 4 === 1 ? 0 : 1)]!;
    const dealIds = [randomUUID(), randomUUID()];
    await on(lead, {
      type: 'LeadConverted',
      data: {
        leadId,
        customerId,
        dealId: dealIds[0]!,
        pipelineId: pipeline.pipelineId,
        convertedAt: at(n),
      },
    });
    await on(customer, {
      type: 'CustomerRegistered',
      data: {
        customerId,
        kind: 'company',
        name: `Company ${c}`,
        registryCode: String(10_000_000 + c),
        email: `info@company${c}.test`,
        ownerId: actorId,
        sourceLeadId: leadId,
        registeredAt: at(n),
      },
    });
    await on(customer, {
      type: 'CustomerCategorized',
      data: {
        customerId,
        category: customerCategories[c % customerCategories.length]!,
        previousCategory: null,
        reason: 'annual review',
        categorizedAt: at(n),
      },
    });
    await on(customer, {
      type: 'CustomerTagged',
      data: { customerId, tags: [`region-${c % 5}`], taggedAt: at(n) },
    });
    await on(customer, {
      type: 'MarketingConsentRecorded',
      data: { customerId, channel: 'email', source: 'web form', givenAt: at(n), recordedAt: at(n) },
    });
    for (const [d, dealId] of dealIds.entries()) {
      const deal = `deal-${dealId}`;
      const stages = pipeline.stages;
      const value = { amount: 10_000 * (1 + (c % 17)) + d, currency: 'EUR' };
      await on(deal, {
        type: 'DealOpened',
        data: {
          dealId,
          customerId,
          pipelineId: pipeline.pipelineId,
          stageId: stages[0]!.stageId,
          title: `Deal ${c}/${d}`,
          value,
          ownerId: actorId,
          openedAt: at(n),
        },
      });
      // Every other deal is expected to close one to four months after it opened.
      if ((c + d) % 2 === 0)
        await on(deal, {
          type: 'DealExpectedCloseChanged',
          data: {
            dealId,
            customerId,
            from: null,
            to: dayOf(n + 2880 * (30 + ((c * 7 + d) % 90))),
            changedAt: at(n),
          },
        });
      const reached = 1 + ((c + d) % 4);
      for (let s = 1; s <= reached; s++) {
        await on(deal, stageMoved({ dealId, customerId }, stages, s, at(n)));
        await on(deal, {
          type: 'DealNextActionScheduled',
          data: { dealId, customerId, dueOn: dayOf(n + 2880 * (c % 40)), description: 'Call' },
        });
      }
      const outcome = (c + d) % 4;
      if (outcome === 1)
        await on(deal, { type: 'DealWon', data: { dealId, customerId, value, wonAt: at(n) } });
      else if (outcome === 3)
        await on(deal, {
          type: 'DealLost',
          data: { dealId, customerId, reason: 'price', lostAt: at(n) },
        });
      else if (pipeline === pipelines[0]) openInFullest += 1;
    }
    // The long-standing account: 10k events in the full data set, fewer in small ones.
    if (c === 0) {
      const { openDeals } = await longStanding(on, clock, {
        customerId,
        actorId,
        pipeline,
        scale: Math.min(1, customers / 10_000),
      });
      if (pipeline === pipelines[0]) openInFullest += openDeals;
    }
    for (let a = 0; a < 25; a++)
      await writeActivity(on, clock, {
        customerId,
        actorId,
        title: `Follow-up ${a}`,
        a,
        minutes: 15,
        guestId: staff[(c + 1) % staff.length]!.id,
        ...(a % 3 === 0 ? { dealId: dealIds[a % 2]! } : {}),
        // Three customers in four have their last call or meeting still ahead.
        planned: a === 24 && c % 4 !== 0,
      });
    for (let a = 0; a < 10; a++)
      await on(`activity-${randomUUID()}`, {
        type: 'InteractionLogged',
        data: {
          activityId: randomUUID(),
          customerId,
          kind: 'call',
          summary: `Call ${a}`,
          minutesSpent: 5 + (a % 20),
          occurredAt: at(n),
          staffId: actorId,
          loggedAt: at(n),
        },
      });
    for (let i = 0; i < 5; i++)
      await writeInvoice(on, clock, {
        customerId,
        number: `${dayOf(n).slice(0, 4)}-${String(c * 5 + i + 1).padStart(6, '0')}`,
        seed: c + i * 7,
        quantity: c,
        recipient: `info@company${c}.test`,
        paid: i % 5 !== 4,
      });
    for (let t = 0; t < 2; t++) await writeTicket(on, clock, { customerId, actorId, t });
    const events = written + pending.length - before;
    if (events > busiest.events) busiest = { customerId, events };
  }
  await flush();
  return {
    events: written,
    customers,
    deals: customers * 2,
    busiest,
    fullest: { pipelineId: pipelines[0]!.pipelineId, openDeals: openInFullest },
    segmentId,
    memberId: staff[1]!.id,
    momentSegmentId,
  };
};
