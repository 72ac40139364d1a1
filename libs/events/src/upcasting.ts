import { estonianReference, referenceBase } from './invoice/payment-reference';
import { currentSchemaVersion, isKroonikaEventType, type KroonikaEvent } from './schema';

type Payload = Record<string, unknown>;

/** Lifts a payload from `from` to `from + 1`. An event's meaning never changes, only its shape. */
export type Upcaster = { type: string; from: number; lift: (data: Payload) => Payload };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * LeadCreated v1 kept the lead's contact as one `name` and an optional `company`;
 * v2 names the person and the company separately.
 */
const leadCreatedV1: Upcaster = {
  type: 'LeadCreated',
  from: 1,
  lift: ({ name, company, ...rest }) => ({
    ...rest,
    personName: text(name) ?? '',
    ...(text(company) ? { companyName: text(company) } : {}),
  }),
};

/**
 * InvoiceIssued v1 had no payment reference; v2 always has one. A v1 invoice's reference is
 * the one it would have been given by default: the Estonian reference of its number's digits.
 */
const invoiceIssuedV1: Upcaster = {
  type: 'InvoiceIssued',
  from: 1,
  lift: (data) => ({
    ...data,
    paymentReference: estonianReference(referenceBase(text(data['number']) ?? '')),
  }),
};

export const upcasters: readonly Upcaster[] = [leadCreatedV1, invoiceIssuedV1];

export class UnknownSchemaVersionError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
  ) {
    super(`No upcaster lifts ${type} from schema version ${schemaVersion}`);
  }
}

/** Brings a stored payload up to the current schema version of its type. */
export const upcast = (
  type: string,
  schemaVersion: number,
  data: unknown,
  chain: readonly Upcaster[] = upcasters,
): { data: unknown; schemaVersion: number } => {
  if (!isKroonikaEventType(type)) return { data, schemaVersion };
  const target = currentSchemaVersion[type];
  let version = schemaVersion;
  let payload = data as Payload;
  while (version < target) {
    const step = chain.find((u) => u.type === type && u.from === version);
    if (!step) throw new UnknownSchemaVersionError(type, version);
    payload = step.lift(payload);
    version += 1;
  }
  return { data: payload, schemaVersion: version };
};

/** Narrows an upcast stored event to the typed union the domain understands. */
export const asKroonikaEvent = (type: string, data: unknown): KroonikaEvent | undefined =>
  isKroonikaEventType(type) ? ({ type, data } as KroonikaEvent) : undefined;
