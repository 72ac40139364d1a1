import {
  activityDecider,
  customerDecider,
  dealDecider,
  type Decider,
  documentDecider,
  invoiceDecider,
  leadDecider,
  ticketDecider,
} from '#domain';
import { type StoredEvent } from '#event-store';
import { type Event } from '#events';

type AnyDecider = Pick<Decider<never, Event, unknown>, 'evolve' | 'initialState'>;

/** The aggregates a customer's state is made of, by stream prefix. */
const parts = {
  customer: customerDecider,
  lead: leadDecider,
  deal: dealDecider,
  invoice: invoiceDecider,
  activity: activityDecider,
  ticket: ticketDecider,
  document: documentDecider,
} as unknown as Record<string, AnyDecider>;

export type Cut = { asOf?: string; asOfPosition?: number };

const within = (cut: Cut) => (e: StoredEvent) =>
  (cut.asOfPosition === undefined || e.position <= cut.asOfPosition) &&
  (cut.asOf === undefined || Date.parse(e.metadata.occurredAt) <= Date.parse(cut.asOf));

type Folded = { streamId: string; revision: number; position: number; state: unknown };

/**
 * A folded state as JSON carries it: the deciders keep sets (an invoice's payment ids) and
 * maps (each payment's amount), which JSON would write as empty objects — as arrays and
 * objects instead.
 */
export const plain = (value: unknown): unknown => {
  if (value instanceof Set) return [...value].map(plain);
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  // Plain records only: anything else (a Date) is written as JSON writes it.
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  )
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
};

/**
 * A customer and everything it is made of — leads, deals with their offers, invoices,
 * activities, tickets, documents — as they were at the cut, folded from their streams with
 * the deciders' own evolve functions. Streams with no event before the cut are left out.
 */
export const stateAsOf = (streams: StoredEvent[][], cut: Cut) => {
  const result: Record<string, Folded[]> = {};
  for (const events of streams) {
    const kept = events.filter(within(cut));
    const last = kept[kept.length - 1];
    if (!last) continue;
    const prefix = last.streamId.slice(0, last.streamId.indexOf('-'));
    const decider = parts[prefix];
    if (!decider) continue;
    const state = kept.reduce(
      (s, e) => decider.evolve(s, { type: e.type, data: e.data }),
      decider.initialState(),
    );
    (result[prefix] ??= []).push({
      streamId: last.streamId,
      revision: last.revision,
      position: last.position,
      state: plain(state),
    });
  }
  const list = (prefix: string) => (result[prefix] ?? []).sort((a, b) => a.position - b.position);
  return {
    customer: list('customer')[0] ?? null,
    leads: list('lead'),
    deals: list('deal'),
    invoices: list('invoice'),
    activities: list('activity'),
    tickets: list('ticket'),
    documents: list('document'),
  };
};
