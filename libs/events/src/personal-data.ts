import { type KroonikaEventType } from './schema';

/** What an erased text field reads as; erased optional fields are absent. */
export const ERASED = '[erased]';

/**
 * The personal data in each event type, by (dotted) path: names of persons, e-mails, phones,
 * addresses, birth dates, demographic and psychographic data, free-text notes. `required`
 * fields read as {@link ERASED} once erased, so the event keeps its shape; `optional` ones
 * disappear. Customer and company names are both here: a company name is often a person's
 * (sole traders). Amounts, dates, stages, ids, titles and subjects are not personal data.
 */
export const personalFields: Partial<
  Record<KroonikaEventType, Readonly<Record<string, 'required' | 'optional'>>>
> = {
  LeadCreated: {
    personName: 'required',
    companyName: 'optional',
    email: 'optional',
    phone: 'optional',
  },
  LeadQualified: { note: 'optional' },
  CustomerRegistered: {
    name: 'required',
    email: 'optional',
    phone: 'optional',
    address: 'optional',
  },
  CustomerProfileUpdated: {
    'changes.name': 'optional',
    'changes.emails': 'optional',
    'changes.phones': 'optional',
    'changes.addresses': 'optional',
    'changes.demographic': 'optional',
    'changes.psychographic': 'optional',
  },
  ContactPersonAdded: { name: 'required', email: 'optional', phone: 'optional' },
  ContactPersonUpdated: {
    'changes.name': 'optional',
    'changes.email': 'optional',
    'changes.phone': 'optional',
  },
  RegistryDataImported: { 'facts.legalName': 'required', 'facts.address': 'optional' },
  ActivityScheduled: { notes: 'optional' },
  InteractionLogged: { summary: 'required' },
  ActivityCompleted: { outcome: 'required' },
  TicketOpened: { description: 'optional' },
  TicketResponded: { message: 'required' },
  TicketResolved: { resolution: 'required' },
  InvoiceSent: { recipient: 'required' },
  DocumentAttached: { name: 'required' },
  EmailQueued: {
    to: 'optional',
    subject: 'required',
    text: 'required',
    unsubscribeUrl: 'optional',
  },
  // A server's refusal often quotes the address.
  EmailFailed: { error: 'required' },
  DocumentRemoved: { name: 'required' },
};

type Json = Record<string, unknown>;

export const customerKeySubject = (customerId: string) => `customer:${customerId}`;
export const leadKeySubject = (leadId: string) => `lead:${leadId}`;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const getPath = (data: unknown, path: string): unknown => {
  let at: unknown = data;
  for (const key of path.split('.')) {
    if (!isObject(at)) return undefined;
    at = at[key];
  }
  return at;
};

/**
 * A copy of `data` with `path` set to `value` (an existing key keeps its place), or removed
 * when `value` is undefined.
 */
export const setPath = (data: Json, path: string, value: unknown): Json => {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) {
    if (value !== undefined) return { ...data, [head]: value };
    const { [head]: _old, ...others } = data;
    return others;
  }
  const child = data[head];
  if (!isObject(child)) return data;
  return { ...data, [head]: setPath(child, rest.join('.'), value) };
};

/** The personal paths this event holds a value in (`null` clears a value: nothing to hide). */
export const personalPathsIn = (type: string, data: unknown): string[] => {
  const spec = personalFields[type as KroonikaEventType];
  if (!spec) return [];
  return Object.keys(spec).filter((p) => {
    const value = getPath(data, p);
    return value !== undefined && value !== null;
  });
};

/**
 * Whose key seals an event's personal data: a lead's own until it becomes a customer, the
 * customer's otherwise. Undefined for events with no personal data.
 */
export const keySubjectOf = (type: string, data: unknown): string | undefined => {
  if (!personalFields[type as KroonikaEventType]) return undefined;
  const leadId = getPath(data, 'leadId');
  if (type.startsWith('Lead') && typeof leadId === 'string') return leadKeySubject(leadId);
  const customerId = getPath(data, 'customerId');
  return typeof customerId === 'string' ? customerKeySubject(customerId) : undefined;
};

/** The event as it reads once its personal fields at `paths` are erased. */
export const erasedData = (type: string, data: Json, paths: string[]): Json => {
  const spec = personalFields[type as KroonikaEventType] ?? {};
  return paths.reduce(
    (out, p) => setPath(out, p, spec[p] === 'required' ? ERASED : undefined),
    data,
  );
};

/** One personal field split off an event (a list, not a map: paths hold dots). */
export type PersonalField = { path: string; value: unknown };

/** Splits an event's personal fields from the rest. */
export const splitPersonal = (
  type: string,
  data: Json,
): { rest: Json; personal: PersonalField[] | undefined } => {
  const paths = personalPathsIn(type, data);
  if (paths.length === 0) return { rest: data, personal: undefined };
  return {
    rest: paths.reduce((out, p) => setPath(out, p, undefined), data),
    personal: paths.map((path) => ({ path, value: getPath(data, path) })),
  };
};

/** Puts split-off personal fields back; `null` (erased) puts {@link ERASED} in required ones. */
export const joinPersonal = (type: string, rest: Json, personal: PersonalField[] | null): Json => {
  if (personal) return personal.reduce((out, f) => setPath(out, f.path, f.value), rest);
  const spec = personalFields[type as KroonikaEventType] ?? {};
  return Object.entries(spec)
    .filter(([, kind]) => kind === 'required')
    .reduce((out, [p]) => setPath(out, p, ERASED), rest);
};
