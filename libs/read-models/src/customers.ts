import {
  ageBands,
  type AgeBand,
  type ConsentChannel,
  type ContactPerson,
  type CustomerCategory,
  type Demographics,
  type LabelledAddress,
  type Psychographics,
  type RegistryFacts,
  type CustomerRegistered,
  type CustomFieldValue,
} from '#events';
import { type From } from './from';

export type CustomerDoc = From<CustomerRegistered['data'], 'customerId'> & {
  status?: 'active' | 'archived';
  emails?: string[];
  phones?: string[];
  addresses?: LabelledAddress[];
  website?: string | null;
  demographic?: Demographics;
  psychographic?: Psychographics;
  contacts?: Record<string, ContactPerson & { customFields?: Record<string, CustomFieldValue> }>;
  category?: CustomerCategory;
  categoryReason?: string;
  tagSet?: Record<string, true>;
  consents?: Partial<Record<ConsentChannel, { source: string; givenAt: string }>>;
  registry?: RegistryFacts & { importedAt: string };
  /** When anything last happened on the customer (an invoice, a tag, a stage, a contact). */
  lastActivityAt?: string;
  /**
   * When someone was last in touch with them: a call, meeting, event or e-mail logged or
   * completed, a message staff sent (delivered), a response to their ticket.
   */
  lastContactAt?: string;
  /** Custom field values by key. */
  customFields?: Record<string, CustomFieldValue>;
  /** Written by earlier versions (the totals are kept in `invoice_totals`); in no answer. */
  invoiceTotals?: Record<string, { invoiced: number; count: number }>;
  /** When the personal data was last erased. */
  personalDataErasedAt?: string;
  /** The projection's own bookkeeping (the last event it applied), not for answers. */
  _position?: number;
};

const bandLimits: [number, AgeBand][] = [
  [25, 'under 25'],
  [35, '25–34'],
  [45, '35–44'],
  [55, '45–54'],
  [65, '55–64'],
];

/** Age in whole years on `day`. */
const ageOn = (birthDate: string, day: string) => {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

/** The age band of someone born on `birthDate`, on `day`. */
export const ageBand = (birthDate: string, day: string): AgeBand => {
  const age = ageOn(birthDate, day);
  return bandLimits.find(([below]) => age < below)?.[1] ?? ageBands[ageBands.length - 1]!;
};
