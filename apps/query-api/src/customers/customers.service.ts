import { Inject, Injectable } from '@nestjs/common';
import { orderLate } from '#domain';
import { contactKinds } from '#events';
import { problem, readConfig } from '#platform';
import {
  type AgreementDoc,
  agreementStanding,
  collections,
  type CustomerDoc,
  type DealDoc,
  type ActivityDoc,
  type DocumentDoc,
  type InvoiceDoc,
  type OfferDoc,
  type TicketDoc,
  invoiceMoney,
  listOrders,
  readInvoiceTotals,
  invoiceStatus,
  pastDue,
  type PipelineDoc,
  type StaffDoc,
  entryData,
  fieldTypesFor,
  meetsFields,
  staffIdsIn,
  type TimelineEntry,
} from '#read-models';
import { findAll, type Filter, type ReadStore } from '#read-store';
import { keptPage, pageOptions } from '../shared/page';
import { definitionsOf, labelled } from '../custom-fields/custom-fields';
import { periodRange } from '../shared/period';
import { READ_STORE } from '../shared/read-store.provider';
import { type CustomersQuery, type TimelineQuery } from './customers.dto';
import { summarize } from './timeline-summary';
import { ticketSlaState } from '../tickets/sla-state';

const list = (csv: string | undefined) => (csv ? csv.split(',') : undefined);

@Injectable()
export class CustomersService {
  /** The service's zone, for timeline summaries asked without `tz` (read once, not per entry). */
  private readonly timeZone = readConfig().timezone;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  private async customer(id: string) {
    const customer = await this.store.get<CustomerDoc>(collections.customers, id);
    if (!customer?.registeredAt)
      throw problem(404, 'customer-not-found', 'Not found', `customer ${id} does not exist`);
    return customer;
  }

  private async stageNames(pipelineIds: Iterable<string>) {
    const pipelines = await this.store.getMany<PipelineDoc>(collections.pipelines, pipelineIds);
    const names = new Map<string, string>();
    for (const p of pipelines.values()) for (const s of p.stages) names.set(s.stageId, s.name);
    return names;
  }

  /** Customers by name, with what the store can filter there and custom fields checked here. */
  async list(query: CustomersQuery) {
    const conditions = query.field ?? [];
    const fields = await fieldTypesFor(this.store, conditions);
    const filter: Filter = {
      status: query.status ?? 'active',
      ...(query.category ? { category: query.category } : {}),
      ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    };
    const { tag } = query;
    const page = await keptPage<CustomerDoc>(
      this.store,
      collections.customers,
      filter,
      query,
      [['name', 1]],
      (c) =>
        (tag === undefined || Object.hasOwn(c.tagSet ?? {}, tag)) &&
        meetsFields(conditions, c, fields),
    );
    return {
      items: page.items.map((c) => ({
        customerId: c._id,
        name: c.name,
        kind: c.kind,
        category: c.category ?? null,
        ownerId: c.ownerId,
        status: c.status ?? 'active',
        tags: Object.keys(c.tagSet ?? {}).sort(),
        customFields: c.customFields ?? {},
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /**
   * Profile, open deals, invoice summary and contact dates of one customer. The reads that do
   * not depend on one another go to the store together: on MongoDB each is a round trip.
   */
  async view(id: string, today: string) {
    const [customer, deals, recent, kept, plannedDay, around] = await Promise.all([
      this.customer(id),
      findAll<DealDoc>(
        this.store,
        listOrders.customerDeals.collection,
        { customerId: id },
        listOrders.customerDeals.sort,
      ),
      this.store.find<InvoiceDoc>(
        listOrders.customerInvoices.collection,
        { customerId: id },
        { sort: listOrders.customerInvoices.sort, limit: 10 },
      ),
      readInvoiceTotals(this.store, id, today),
      this.plannedContactDay(id),
      this.around(id, today),
    ]);
    const {
      _id,
      _position: _p,
      invoiceTotals: _t,
      contacts,
      tagSet,
      consents,
      customFields,
      ...profile
    } = customer;
    const open = deals.filter((d) => d.status === 'open');
    const [fields, stages] = await Promise.all([
      definitionsOf(this.store, [
        customFields,
        ...Object.values(contacts ?? {}).map((c) => c.customFields),
        ...open.map((d) => d.customFields),
      ]),
      this.stageNames(open.map((d) => d.pipelineId)),
    ]);
    const upcoming = open
      .map((d) => d.nextAction?.dueOn)
      .filter((d): d is string => d !== undefined)
      .sort();
    return {
      customerId: _id,
      ...profile,
      customFields: labelled(customFields, fields),
      contacts: Object.values(contacts ?? {})
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(({ customFields: values, ...contact }) => ({
          ...contact,
          customFields: labelled(values, fields),
        })),
      tags: Object.keys(tagSet ?? {}).sort(),
      consents: consents ?? {},
      deals: {
        open: open.map((d) => ({
          dealId: d._id,
          title: d.title,
          value: d.value,
          pipelineId: d.pipelineId,
          stage: { stageId: d.stageId, name: stages.get(d.stageId) ?? null },
          ownerId: d.ownerId,
          nextAction: d.nextAction,
          customFields: labelled(d.customFields, fields),
        })),
        won: deals.filter((d) => d.status === 'won').length,
        orders: deals.flatMap((d) =>
          d.order
            ? [
                {
                  dealId: d._id,
                  title: d.title,
                  ...d.order,
                  late: orderLate(d.order, today),
                },
              ]
            : [],
        ),
        lost: deals.filter((d) => d.status === 'lost').length,
      },
      invoices: {
        byCurrency: kept.totals,
        recent: recent.items.map((i) => ({
          invoiceId: i._id,
          number: i.number,
          kind: i.kind,
          issuedOn: i.issuedOn,
          dueOn: i.dueOn,
          gross: i.totals.gross,
          currency: i.currency,
          status: invoiceStatus(i),
          paymentReference: i.paymentReference,
          outstanding: invoiceMoney(i).outstanding,
          overdue: pastDue(i, today) && invoiceMoney(i).outstanding > 0,
        })),
      },
      lastContactAt: profile.lastContactAt ?? null,
      // The first day someone is to be in touch: a deal's next action or a planned contact.
      nextContactOn: [...upcoming, ...plannedDay].sort()[0] ?? null,
      lastPaymentOn: kept.lastPaidOn ?? null,
      ...around,
    };
  }

  /** The day of the customer's earliest planned call, meeting, event or e-mail (overdue too). */
  private async plannedContactDay(id: string): Promise<string[]> {
    const first = await this.store.find<ActivityDoc>(
      listOrders.customerActivitiesPlanned.collection,
      { customerId: id, status: 'planned', kind: { $in: [...contactKinds] } },
      { sort: listOrders.customerActivitiesPlanned.sort, limit: 1 },
    );
    return first.items.map((a) => a.day);
  }

  /** Offers, open tickets with their SLA state, contacts made and planned, documents. */
  private async around(id: string, today: string) {
    const [offers, tickets, done, planned, agreements, documents] = await Promise.all([
      findAll<OfferDoc>(
        this.store,
        listOrders.customerOffers.collection,
        { customerId: id },
        listOrders.customerOffers.sort,
      ),
      findAll<TicketDoc>(
        this.store,
        listOrders.customerTickets.collection,
        { customerId: id, status: 'open' },
        listOrders.customerTickets.sort,
      ),
      this.store.find<ActivityDoc>(
        listOrders.customerActivitiesDone.collection,
        // The last time someone was in touch: a task or a note done is no interaction.
        { customerId: id, status: 'completed', kind: { $in: [...contactKinds] } },
        { sort: listOrders.customerActivitiesDone.sort, limit: 1 },
      ),
      this.store.find<ActivityDoc>(
        listOrders.customerActivitiesPlanned.collection,
        { customerId: id, status: 'planned', day: { $gte: today } },
        { sort: listOrders.customerActivitiesPlanned.sort, limit: 1 },
      ),
      findAll<AgreementDoc>(
        this.store,
        listOrders.customerAgreements.collection,
        { customerId: id },
        listOrders.customerAgreements.sort,
      ),
      this.store.find<DocumentDoc>(
        listOrders.customerDocuments.collection,
        { customerId: id, removed: false },
        { sort: listOrders.customerDocuments.sort, limit: 50 },
      ),
    ]);
    const now = Date.now();
    const byStatus: Record<string, { count: number; net: Record<string, number> }> = {};
    for (const o of offers) {
      const s = (byStatus[o.status] ??= { count: 0, net: {} });
      s.count += 1;
      s.net[o.currency] = (s.net[o.currency] ?? 0) + o.totals.net;
    }
    const last = done.items[0];
    const next = planned.items[0];
    return {
      offers: {
        byStatus,
        items: offers.map(({ _id, customerId: _c, lines: _l, terms: _t, ...o }) => ({
          offerId: _id,
          ...o,
        })),
      },
      agreements: agreements.map(({ _id, customerId: _c, holdsThrough: _h, ...a }) => ({
        agreementId: _id,
        ...a,
        standing: agreementStanding(a, today),
      })),
      tickets: {
        open: tickets.map((t) => ({
          ticketId: t._id,
          subject: t.subject,
          priority: t.priority,
          assigneeId: t.assigneeId,
          openedAt: t.openedAt,
          slaState: ticketSlaState(t, now),
        })),
      },
      lastInteraction: last
        ? { activityId: last._id, kind: last.kind, title: last.title, at: last.doneAt }
        : null,
      nextPlanned: next
        ? { activityId: next._id, kind: next.kind, title: next.title, day: next.day }
        : null,
      documents: documents.items.map((d) => ({
        documentId: d._id,
        name: d.name,
        mediaType: d.mediaType,
        size: d.size,
        attachedAt: d.attachedAt,
        link: d.link,
      })),
    };
  }

  /** Newest first by global position: stable pages even while new events arrive. */
  async timeline(id: string, query: TimelineQuery) {
    await this.customer(id);
    const at = periodRange(query.from, query.to, query.tz ?? this.timeZone);
    const types = list(query.type);
    const groups = list(query.group);
    const filter: Filter = {
      customerId: id,
      ...(types ? { type: { $in: types } } : {}),
      ...(groups ? { group: { $in: groups } } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.from || query.to ? { at } : {}),
    };
    const page = await this.store.find<TimelineEntry>(
      listOrders.timeline.collection,
      filter,
      pageOptions(query, listOrders.timeline.sort),
    );
    const dealIds = page.items
      .filter((e) => e.streamId.startsWith('deal-'))
      .map((e) => e.streamId.slice(5));
    // Entries carry the names of their time; only older entries need today's.
    const unnamed = page.items.flatMap((e) =>
      [e.actorId, ...staffIdsIn(e.data)].filter((staffId) => e.names?.[staffId] === undefined),
    );
    // The stage names and the staff names are read together: on MongoDB each is a round trip.
    const [stages, staff] = await Promise.all([
      this.store
        .getMany<DealDoc>(collections.deals, dealIds)
        .then((deals) => this.stageNames([...deals.values()].map((d) => d.pipelineId))),
      this.store.getMany<StaffDoc>(collections.staff, unnamed),
    ]);
    const currentName = (id: string) => staff.get(id)?.name;
    return {
      items: page.items.map((stored) => {
        const e = { ...stored, data: entryData(stored) };
        const staffName = (id: string) => e.names?.[id] ?? currentName(id);
        return {
          eventId: e.eventId,
          position: e.position,
          at: e.at,
          type: e.type,
          group: e.group,
          actorId: e.actorId,
          actorName: staffName(e.actorId) ?? null,
          stream: e.streamId,
          summary: summarize(e, {
            stage: (s) => stages.get(s),
            staff: staffName,
            timeZone: query.tz ?? this.timeZone,
          }),
          data: e.data,
          ...(e.personalState === 'erased' ? { personalDataErased: true } : {}),
        };
      }),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
