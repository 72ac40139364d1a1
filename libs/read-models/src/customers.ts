import {
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
  lastActivityAt?: string;
  /** Custom field values by key. */
  customFields?: Record<string, CustomFieldValue>;
  invoiceTotals?: Record<string, { invoiced: number; count: number }>;
  /** When the personal data was last erased. */
  personalDataErasedAt?: string;
  /** The projection's own bookkeeping (the last event it applied), not for answers. */
  _position?: number;
};
